# Mirrors kubeflow/pipelines test_data/sdk_compiled_pipelines/valid/
# if_else_with_oneof_parameters.py with the components loaded from YAML text.
from kfp import components, dsl

flip_coin = components.load_component_from_text('''
name: flip-coin
outputs:
- {name: Output, type: String}
implementation:
  container:
    image: python:3.11
    command: [echo, hi]
''')

print_and_return = components.load_component_from_text('''
name: print-and-return
inputs:
- {name: text, type: String}
outputs:
- {name: Output, type: String}
implementation:
  container:
    image: python:3.11
    command: [echo, hi]
''')


@dsl.pipeline
def flip_coin_pipeline() -> str:
    flip_coin_task = flip_coin()
    with dsl.If(flip_coin_task.output == 'heads'):
        print_task_1 = print_and_return(text='Got heads!')
    with dsl.Else():
        print_task_2 = print_and_return(text='Got tails!')
    x = dsl.OneOf(print_task_1.output, print_task_2.output)
    print_and_return(text=x)
    return x
