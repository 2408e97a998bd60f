#!/usr/bin/env python3
"""Writes the seed corpora and dictionaries of the fuzz targets (FuzzTargets/README.md).

Seeds come from the repository itself: the claims and expression arguments of
Theorems/*.toml, the theorem files of Theorems/ and the test fixtures, the CSV
fixtures, the network JSON of the CLI tests, the golden run JSON of the report
tests (split into shards); plus a few hand-written inputs per target that sit
next to an edge of the format. Run from the repository root:

    python3 Tests/Fuzz/make-corpora.py

It replaces Tests/Fuzz/<target>/corpus/ (regression inputs live in the module
test targets, not here) and Tests/Fuzz/<target>/<target>.dict.
"""
import glob
import hashlib
import json
import os
import re
import shutil
import tomllib

ROOT = os.getcwd()
OUT = os.path.join(ROOT, "Tests", "Fuzz")


def write_corpus(target, inputs):
    d = os.path.join(OUT, target, "corpus")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    seen = set()
    for data in inputs:
        if isinstance(data, str):
            data = data.encode()
        h = hashlib.sha1(data).hexdigest()[:16]
        if h in seen:
            continue
        seen.add(h)
        with open(os.path.join(d, h), "wb") as f:
            f.write(data)
    return len(seen)


def write_dict(target, tokens):
    path = os.path.join(OUT, target, target + ".dict")
    with open(path, "w") as f:
        f.write(f"# libFuzzer dictionary of the {target} fuzz target (written by Tests/Fuzz/make-corpora.py)\n")
        for t in sorted(set(tokens)):
            esc = "".join(
                "\\\\" if c == "\\" else '\\"' if c == '"' else c if 32 <= ord(c) < 127 else "".join(
                    f"\\x{b:02X}" for b in c.encode()) for c in t)
            f.write(f'"{esc}"\n')


def theorem_files():
    files = sorted(glob.glob("Theorems/*.toml"))
    files += sorted(glob.glob("Tests/Fixtures/reports/input/*.toml"))
    files += sorted(glob.glob("Tests/Fixtures/verify-cli/*.toml"))
    return files


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings_in(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings_in(v)


def keys_in(value, out):
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(k)
            keys_in(v, out)
    elif isinstance(value, list):
        for v in value:
            keys_in(v, out)


claims, expressions, toml_keys = [], [], set()
for path in theorem_files():
    with open(path, "rb") as f:
        spec = tomllib.load(f)
    keys_in(spec, toml_keys)
    if "claim" in spec:
        claims.append(spec["claim"])
    for q in spec.get("quantities", {}).values():
        for k, v in q.get("args", {}).items():
            if isinstance(v, str) and re.search(r"[-+*/^()]", v) and not v.startswith("uniform:"):
                expressions.append(v)
    for fig in spec.get("figures", []):
        for k in ("x", "y"):
            if isinstance(fig.get(k), str):
                claims.append(fig[k])

# Expressions: the language's own tokens and edges (README grammar).
functions = """exp expm1 exp2 exp10 log log1p log2 log10 sqrt cbrt abs sin cos tan sec csc cot asin acos atan
sinh cosh tanh sech csch coth asinh acosh atanh erf erfc gamma lgamma digamma zeta ai ei li2 j0 j1 y0 y1 floor
ceil trunc round sign heaviside relu frac lambertw re im conj arg ln loggamma lngamma psi airyai eint fabs real
imag step pow atan2 hypot besselj bessely besseli besselk beta agm fmod remainder root min max""".split()
constants = ["pi", "e", "euler", "catalan", "log2", "i", "inf", "nan"]
operators = ["+", "-", "*", "/", "^", "(", ")", ",", "<", "<=", ">", ">=", "==", "!=", "and", "or", "not"]
numbers = ["0", "1", "2", "0.5", ".25", "3.", "1e3", "2.5E-4", "1e308", "1e-400", "1e999999999", "-0", "9" * 40]
hand_expressions = [
    "1 + 2 * 3",
    "-2^2",
    "2^-3",
    "2^3^2",
    "exp(x) * sin(y) / (1 + x^2)",
    "x < y and not (x == 0 or y >= 1)",
    "gamma(x + 1) - x * gamma(x)",
    "besselj(2, x) + hypot(x, y)",
    "sqrt(-1)",
    "log(0)",
    "1 / 0",
    "(((((x)))))",
    "- - - x",
    "pi * e * euler * catalan",
    "i^2 + 1",
    "abs(x - (1 + 2*i)) <= 1e-6 and im(x) > 0",
    "x^1e10",
    "lambertw(-1/e)",
    "zeta(1)",
    "ceil(1e300) - floor(-1e300)",
]
n_expr = write_corpus("expressions", expressions + claims + hand_expressions)
write_dict("expressions", functions + constants + operators + numbers + ["x", "y", " "])

# Claims: the claim language over the target's names (a, b, loss; axes n, m).
aggregates = ["slope", "mean", "maximum", "minimum", "forall", "ordered"]
hand_claims = [
    "a > 0",
    "slope(n, a) > 1.9 and slope(n, a) < 2.1",
    "forall(n, b > 0)",
    "ordered(n, a)",
    "ordered(n, -loss)",
    "mean(n, loss) < 1",
    "maximum(n, b) >= minimum(n, b)",
    "forall(m, ordered(n, a))",
    "slope(m, slope(n, a)) == 0",
    "a == b or not (loss < 0.5)",
    "forall(n, forall(m, a > 0))",
    "n * m <= a",
    "slope(n, loss) <= -0.9",
]
claim_seeds = claims + hand_claims
for c in claims:  # the repository's claims over the target's names
    c2 = re.sub(r"\b(?!slope|mean|maximum|minimum|forall|ordered|and|or|not)[a-z_][a-z_0-9]*\b(?!\()", "a", c)
    claim_seeds.append(c2)
n_claims = write_corpus("claims", claim_seeds)
write_dict("claims", functions + constants + operators + numbers + aggregates + ["a", "b", "loss", "n", "m"])

# Theorem files: every file of Theorems/ and the fixtures.
theorem_texts = [open(p, "rb").read() for p in theorem_files()]
n_theorems = write_corpus("theorems", theorem_texts)
toml_tokens = [k + " = " for k in toml_keys] + ["[" + k + "]" for k in ("sweep", "quantities", "quick", "ensemble")]
toml_tokens += ["[[figures]]", "[quantities.", "[sweep.", "\n", " = ", '"', "'''", '"""', "[", "]", "{", "}", ",", "true", "false"]
toml_tokens += ["prediction", "identity", "lemma", "observation", "control", "removes", "wrong_formula"]
write_dict("theorems", toml_tokens + operators + aggregates)

# Data CSV.
csv_seeds = [
    "x1,y\n0,1\n0.5,2\n1,3\n",
    "x1,x2,y1,y2\n0,0,1,2\n1,1,3,4\n",
    "x1,y\n",
    "x1,y\n1e308,-1e308\n5e-324,0\n",
    "x1,y\n\n0, 1\n  \n2 ,3\r\n",
    "x1,x2,y\n1,2\n",
    "x2,y\n1,2\n",
    "x1,y\nnan,1\n",
]
for p in sorted(glob.glob("Tests/**/Fixtures/*.csv", recursive=True)):
    lines = open(p).read().splitlines()[:6]
    csv_seeds.append("\n".join(lines) + "\n")
digits = "Sources/NeuralNetworks/Resources/digits/digits.csv"
if os.path.exists(digits):
    csv_seeds.append("\n".join(open(digits).read().splitlines()[:3]) + "\n")
n_csv = write_corpus("csv", csv_seeds)
write_dict("csv", ["x1", "x2", "x3", "y", "y1", "y2", ",", "\n", "\r\n", "1e308", "-0", "5e-324", "inf", "nan", "0x1p3", "."])

# Network JSON.
net = {"activation": "tanh", "layers": [{"weight": [[0.5], [-1.0]], "bias": [0.1, -0.2]}, {"weight": [[1.0, 2.0]], "bias": [0.0]}]}
net_seeds = [json.dumps(net), json.dumps(net, indent=2)]
for act in ("relu", "sigmoid", "sin", "linear", "softplus", "gelu", "unknown"):
    n2 = dict(net)
    n2["activation"] = act
    net_seeds.append(json.dumps(n2))
net_seeds += [
    '{"activation": "tanh", "layers": []}',
    '{"layers": [{"weight": [[1]], "bias": [0]}]}',
    '{"activation": "tanh", "layers": [{"weight": [[1, 2]], "bias": [0, 1]}]}',
    '{"activation": "tanh", "layers": [{"weight": [[1e308, -1e308]], "bias": ["NaN"]}]}',
    '[1, 2.5, -3e-7, true, false, null, "a\\u00e9\\n", {"k": []}]',
    '{"a": "\\ud83d\\ude00"}',
]
for p in sorted(glob.glob("Tests/fprincipleTests/*.swift")):
    for m in re.finditer(r'"""\n(\s*\{"activation".*?)\n\s*"""', open(p).read(), re.S):
        net_seeds.append(m.group(1))
n_net = write_corpus("network-json", net_seeds)
write_dict("network-json", ['"activation"', '"layers"', '"weight"', '"bias"', '"tanh"', '"relu"', '"NaN"',
                            '"Infinity"', '"-Infinity"', "true", "false", "null", "\\u", "\\ud83d", "[", "]", "{", "}",
                            ":", ",", "1e308", "-0", "5e-324"])

# Shards: the golden run JSON of the report tests, whole and split in two.
run = json.load(open("Tests/Fixtures/reports/expected/README.json"))
shard_seeds = [json.dumps(run, separators=(",", ":"))]
halves = [json.loads(json.dumps(run)) for _ in range(2)]
for s, half in enumerate(halves):
    half["shard"] = f"{s + 1}/2"
    for t in half["theorems"]:
        t["groups"] = [g for g in t["groups"] if g["index"] % 2 == s]
shard_seeds.append(b"\0".join(json.dumps(h, separators=(",", ":")).encode() for h in halves))
small = json.loads(json.dumps(run))
small["theorems"] = small["theorems"][:1]
shard_seeds.append(json.dumps(small, indent=1))
shard_seeds += ["{}", '{"quick":true,"generated":"","theorems":[],"versions":{}}']
n_shards = write_corpus("shards", shard_seeds)
shard_keys = set()
keys_in(run, shard_keys)
write_dict("shards", ['"' + k + '"' for k in shard_keys] + ["\\u0000", "null", "true", "false", "1/2", "2/2"])

print(f"expressions {n_expr}, claims {n_claims}, theorems {n_theorems}, csv {n_csv}, network-json {n_net}, shards {n_shards}")
