# A container component compiled alone. Expected: container.yaml, checked by
# hand against KFP 2.15's placeholders.py and component_factory.py
# (make_input_for_parameterized_container_component_function).
from kfp import dsl
from kfp.dsl import ConcatPlaceholder, Dataset, IfPresentPlaceholder, Input, Output, OutputPath


@dsl.container_component
def convert(
    source: Input[Dataset],
    fmt: str,
    converted: Output[Dataset],
    report_path: OutputPath(str),
    level: int = 1,
    label: str = None,
):
    """Converts a dataset.

    Args:
        source: The input.
        fmt: Target format.
    """
    return dsl.ContainerSpec(
        image='registry.example.com/convert:2',
        command=['convert', '--in', source.path],
        args=[
            '--out', converted.uri,
            f'--format={fmt}', f'--level={level}',
            ConcatPlaceholder(['--meta=', converted.path, '/meta.json']),
            IfPresentPlaceholder(input_name='label', then=['--label', label]),
            '--report', report_path,
        ],
    )
