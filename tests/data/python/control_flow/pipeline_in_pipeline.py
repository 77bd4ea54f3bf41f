# Mirrors kubeflow/pipelines test_data/sdk_compiled_pipelines/valid/
# parallel_and_nested/pipeline_in_pipeline.py with the components loaded from YAML text.
from kfp import compiler, components, dsl

print_op1 = components.load_component_from_text('''
name: print-op1
inputs:
- {name: msg, type: String}
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
- {name: msg, type: String}
implementation:
  container:
    image: python:3.11
    command: [echo, hi]
''')


@dsl.pipeline
def inner_pipeline(msg: str):
    task = print_op1(msg=msg)
    print_op2(msg=task.output)


@dsl.pipeline(name='pipeline-in-pipeline')
def my_pipeline():
    print_op1(msg='Hello')
    inner_pipeline(msg='world')


if __name__ == '__main__':
    compiler.Compiler().compile(pipeline_func=my_pipeline, package_path='pipeline_in_pipeline.yaml')
