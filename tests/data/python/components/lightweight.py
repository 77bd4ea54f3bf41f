# A lightweight Python component compiled alone (a one-step pipeline).
# Expected: lightweight.yaml, checked by hand against KFP 2.15's
# component_factory.py: the pip prelude installs the user's packages, then
# kfp (pinned, --no-deps) with the same index URLs; the program is KFP's
# import header followed by the function's source without its decorator.
from typing import Dict, List, NamedTuple, Optional

from kfp import dsl
from kfp.dsl import Dataset, Input, Metrics, Model, Output


@dsl.component(
    base_image='python:3.10',
    packages_to_install=['pandas==2.2.0', 'scikit-learn'],
    pip_index_urls=['https://pypi.example.com/simple'],
)
def train(
    data: Input[Dataset],
    model: Output[Model],
    metrics: Output[Metrics],
    epochs: int = 5,
    rate: float = 0.01,
    labels: List[str] = ['a', 'b'],
    params: Dict[str, int] = {'depth': 3},
    note: Optional[str] = None,
    dry_run: bool = False,
) -> NamedTuple('Outputs', [('accuracy', float), ('summary', str)]):
    """Trains a model on the data.

    Writes the model and its metrics.

    Args:
        data: Training rows.
        epochs (int): Passes over the data.
        note: Free text,
            kept in the model metadata.

    Returns:
        accuracy: Accuracy on the held-out rows.
    """
    import pandas as pd

    df = pd.read_csv(data.path)

    metrics.log_metric('rows', len(df))
    with open(model.path, 'w') as f:
        f.write(str(epochs))
    return (0.9, 'ok')  # the tuple KFP turns into two outputs
