# Mirrors kubeflow/pipelines test_data/sdk_compiled_pipelines/valid/essential/
# pipeline_with_params_containing_format.py with the components loaded from YAML text.
from kfp import compiler, components, dsl

print_op = components.load_component_from_text('''
name: print-op
inputs:
- {name: text, type: String}
outputs:
- {name: Output, type: String}
implementation:
  container:
    image: python:3.11
    command: [echo, hi]
''')

print_op2 = components.load_component_from_text('''
name: print-op2
inputs:
- {name: text1, type: String}
- {name: text2, type: String}
outputs:
- {name: Output, type: String}
implementation:
  container:
    image: python:3.11
    command: [echo, hi]
''')


@dsl.pipeline(name='pipeline-with-pipelineparam-containing-format')
def my_pipeline(name: str = 'KFP'):
    print_task = print_op(text=f'Hello {name}')
    print_op(text=f'{print_task.output}, again.')

    new_value = f' and {name}.'
    with dsl.ParallelFor(['1', '2']) as item:
        print_op2(text1=item, text2=new_value)
