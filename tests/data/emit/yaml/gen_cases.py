# Regenerates cases.expected from cases.json with PyYAML, the way KFP writes
# its IR: yaml.dump_all([doc], f, sort_keys=True) (default Dumper, width 80).
# Usage: python3 gen_cases.py   (run in this folder; needs PyYAML 6)
import json
import yaml

with open('cases.json') as f:
    cases = json.load(f)
out = []
for i, case in enumerate(cases):
    out.append('=== case %d\n' % i)
    out.append(yaml.dump(case, sort_keys=True))
with open('cases.expected', 'w') as f:
    f.write(''.join(out))
