# Mirrors kubeflow/pipelines test_data/sdk_compiled_pipelines/valid/critical/
# pipeline_with_secret_as_env.py with the components loaded from YAML text.
from kfp import components, dsl, kubernetes

comp = components.load_component_from_text('''
name: comp

implementation:
  container:
    image: python:3.11
    command: [echo, hi]
''')

generate_secret_name = components.load_component_from_text('''
name: generate-secret-name
outputs:
- {name: some_output, type: String}
implementation:
  container:
    image: python:3.11
    command: [echo, hi]
''')


@dsl.pipeline
def pipeline_secret_env(secret_parm: str = "test-secret-1"):
    task = comp()
    kubernetes.use_secret_as_env(
        task,
        secret_name=secret_parm,
        secret_key_to_env={'username': 'USER_NAME'})

    kubernetes.use_secret_as_env(
        task,
        secret_name="test-secret-2",
        secret_key_to_env={'password': 'PASSWORD_VAR1'})

    task2 = generate_secret_name()
    kubernetes.use_secret_as_env(
        task,
        secret_name=task2.output,
        secret_key_to_env={'password': 'PASSWORD_VAR2'})
