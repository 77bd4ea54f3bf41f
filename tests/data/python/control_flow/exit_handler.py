# Mirrors kubeflow/pipelines test_data/sdk_compiled_pipelines/valid/failing/
# pipeline_with_exit_handler.py with the components loaded from YAML text.
from kfp import compiler, components, dsl

print_op = components.load_component_from_text('''
name: print-op
inputs:
- {name: message, type: String}
implementation:
  container:
    image: python:3.11
    command: [echo, hi]
''')

fail_op = components.load_component_from_text('''
name: fail-op
inputs:
- {name: message, type: String}
implementation:
  container:
    image: python:3.11
    command: [echo, hi]
''')


@dsl.pipeline(name='pipeline-with-exit-handler')
def my_pipeline(message: str = 'Hello World!'):
    exit_task = print_op(message='Exit handler has worked!')
    with dsl.ExitHandler(exit_task):
        print_op(message=message)
        fail_op(message='Task failed.')
