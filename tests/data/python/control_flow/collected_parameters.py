# Mirrors kubeflow/pipelines test_data/sdk_compiled_pipelines/valid/critical/
# collected_parameters.py with the components loaded from YAML text.
from kfp import compiler, components, dsl
from typing import List

split_ids = components.load_component_from_text('''
name: split-ids
inputs:
- {name: ids, type: String}
outputs:
- {name: Output, type: JsonArray}
implementation:
  container:
    image: python:3.11
    command: [echo, hi]
''')

prepend_id = components.load_component_from_text('''
name: prepend-id
inputs:
- {name: content, type: String}
outputs:
- {name: Output, type: String}
implementation:
  container:
    image: python:3.11
    command: [echo, hi]
''')

consume_ids = components.load_component_from_text('''
name: consume-ids
inputs:
- {name: ids, type: JsonArray}
outputs:
- {name: Output, type: String}
implementation:
  container:
    image: python:3.11
    command: [echo, hi]
''')

consume_single_id = components.load_component_from_text('''
name: consume-single-id
inputs:
- {name: id, type: String}
outputs:
- {name: Output, type: String}
implementation:
  container:
    image: python:3.11
    command: [echo, hi]
''')


@dsl.pipeline()
def collecting_parameters(model_ids: str = '',) -> List[str]:
    ids_split_op = split_ids(ids=model_ids)
    with dsl.ParallelFor(ids_split_op.output) as model_id:
        prepend_id_op = prepend_id(content=model_id)
        prepend_id_op.set_caching_options(False)

        consume_single_id_op = consume_single_id(id=prepend_id_op.output)
        consume_single_id_op.set_caching_options(False)

    consume_ids_op = consume_ids(ids=dsl.Collected(prepend_id_op.output))
    consume_ids_op.set_caching_options(False)

    return dsl.Collected(prepend_id_op.output)


@dsl.pipeline()
def collected_param_pipeline():
    model_ids = 's1,s2,s3'
    dag = collecting_parameters(model_ids=model_ids)
    dag.set_caching_options(False)

    consume_ids_op = consume_ids(ids=dag.output)
    consume_ids_op.set_caching_options(False)


if __name__ == '__main__':
    compiler.Compiler().compile(pipeline_func=collected_param_pipeline, package_path='x.yaml')
