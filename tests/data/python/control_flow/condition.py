# Mirrors kubeflow/pipelines test_data/sdk_compiled_pipelines/valid/essential/
# pipeline_with_condition.py with the components loaded from YAML text.
from kfp import compiler, components, dsl

flip_coin_op = components.load_component_from_text('''
name: flip-coin-op
outputs:
- {name: Output, type: String}
implementation:
  container:
    image: python:3.11
    command: [sh, -c, 'echo heads > "$0"', {outputPath: Output}]
''')

print_op = components.load_component_from_text('''
name: print-op
inputs:
- {name: msg, type: String}
implementation:
  container:
    image: python:3.11
    command: [echo, {inputValue: msg}]
''')


@dsl.pipeline(name='single-condition-pipeline')
def my_pipeline(text: str = 'condition test'):
    flip1 = flip_coin_op().set_caching_options(False)
    print_op(msg=flip1.output)

    with dsl.Condition(flip1.output == 'heads'):
        flip2 = flip_coin_op().set_caching_options(False)
        print_op(msg=flip2.output)
        print_op(msg=text)


if __name__ == '__main__':
    compiler.Compiler().compile(pipeline_func=my_pipeline, package_path='condition.yaml')
