"""Reading the classic Mulan multi-label benchmarks (ARFF data + XML label list).

A Mulan data set is an ARFF file (dense rows ``1.0,0.5,...`` or sparse rows
``{3 1,17 1}``) whose label attributes are named in a small XML file::

    <labels xmlns="http://mulan.sourceforge.net/labels">
      <label name="Class1"></label> ...
    </labels>

Labels are picked **by name** (in attribute order; the XML order may differ),
every other attribute is a feature. Nothing is downloaded: pass the files.
"""

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import arff
import numpy as np
import scipy.sparse as sp

__all__ = ["MulanFormatError", "MulanData", "read_label_names", "load_arff", "load_mulan", "find_mulan_files"]


class MulanFormatError(ValueError):
    """A Mulan ARFF or XML file is not what was expected; the message says where."""


@dataclass
class MulanData:
    """Features ``X`` (dense array or CSR matrix), labels ``Y`` (int 0/1) and their names."""

    X: object
    Y: np.ndarray
    feature_names: list = field(default_factory=list)
    label_names: list = field(default_factory=list)
    source: str = ""


def read_label_names(xml_path):
    """The label names listed in a Mulan XML file, in the file's order."""
    path = Path(xml_path)
    if not path.is_file():
        raise MulanFormatError(f"{path}: label file not found (expected a Mulan XML file listing <label name=...>).")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        raise MulanFormatError(f"{path}: not well-formed XML ({err}).") from None
    names = [el.get("name") for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "label"]
    if not names or any(not n for n in names):
        raise MulanFormatError(f"{path}: expected one or more <label name=\"...\"> elements, found {len(names)} "
                               "(or one without a name).")
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise MulanFormatError(f"{path}: label name(s) {duplicated} listed more than once.")
    return names


def _data_rows(path):
    """The non-comment lines after ``@data`` (to tell dense from sparse, and count rows)."""
    rows, in_data = [], False
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            text = line.strip()
            if not text or text.startswith("%"):
                continue
            if in_data:
                rows.append(text)
            in_data = in_data or text.lower().startswith("@data")
    return rows


def _converter(path, name, kind):
    """How to turn one attribute's ARFF values into numbers."""
    if isinstance(kind, str) and kind.upper() in ("NUMERIC", "REAL", "INTEGER"):
        return lambda v: np.nan if v is None else float(v)
    if isinstance(kind, list) and all(v in ("0", "1") for v in kind):
        return lambda v: np.nan if v is None else float(v)
    raise MulanFormatError(
        f"{path}: attribute {name!r} has type {kind!r}; expected numeric or nominal {{0,1}}."
    )


def load_arff(path):
    """Read a dense or sparse ARFF file: ``(matrix, attribute_names)``.

    Dense files give a float ndarray, sparse files a CSR matrix. Attributes must
    be numeric or nominal ``{0,1}`` (as in every Mulan benchmark).
    """
    path = Path(path)
    if not path.is_file():
        raise MulanFormatError(f"{path}: ARFF file not found.")
    lines = _data_rows(path)
    if not lines:
        raise MulanFormatError(f"{path}: no @data section with rows; expected an ARFF file.")
    sparse = lines[0].startswith("{")
    try:
        with open(path, encoding="utf-8") as handle:
            parsed = arff.load(handle, return_type=arff.COO if sparse else arff.DENSE)
    except (arff.ArffException, ValueError) as err:
        layout = "sparse ({index value, ...})" if sparse else "dense (comma-separated)"
        raise MulanFormatError(f"{path}: cannot parse as {layout} ARFF: {err}") from None
    names = [name for name, _ in parsed["attributes"]]
    convert = [_converter(path, name, kind) for name, kind in parsed["attributes"]]
    if sparse:
        values, rows, cols = parsed["data"]
        data = np.array([convert[c](v) for v, c in zip(values, cols, strict=True)], dtype=float)
        n_rows = len(lines)  # trailing empty rows "{}" hold no entries but are samples
        matrix = sp.csr_matrix((data, (rows, cols)), shape=(n_rows, len(names)))
    else:
        matrix = np.array([[f(v) for f, v in zip(convert, row, strict=True)] for row in parsed["data"]], dtype=float)
    return matrix, names


def _split_labels(path, matrix, names, label_names, xml_path):
    """Columns named in the XML are labels (int 0/1), the rest features."""
    missing = [n for n in label_names if n not in names]
    if missing:
        raise MulanFormatError(
            f"{path}: label(s) {missing[:5]} from {xml_path} are not attributes of this file; "
            f"expected every XML label to be an @attribute (the file's last attributes are {names[-3:]})."
        )
    is_label = np.isin(names, label_names)
    label_cols, feature_cols = np.flatnonzero(is_label), np.flatnonzero(~is_label)
    Y = matrix[:, label_cols]
    Y = Y.toarray() if sp.issparse(Y) else Y
    if np.isnan(Y).any() or not np.isin(Y, (0, 1)).all():
        raise MulanFormatError(f"{path}: label columns must hold 0 or 1 in every row (missing or other values found).")
    X = matrix[:, feature_cols]
    X = X.tocsr() if sp.issparse(X) else X
    return X, Y.astype(int), [names[i] for i in feature_cols], [names[i] for i in label_cols]


def load_mulan(arff_paths, xml_path):
    """Load one or more Mulan ARFF files (e.g. train and test) stacked, with labels from ``xml_path``."""
    paths = [arff_paths] if isinstance(arff_paths, (str, Path)) else list(arff_paths)
    if not paths:
        raise MulanFormatError("no ARFF file given; expected at least one path.")
    label_names = read_label_names(xml_path)
    parts = []
    for path in paths:
        matrix, names = load_arff(path)
        parts.append(_split_labels(Path(path), matrix, names, label_names, xml_path))
    features = parts[0][2]
    for path, part in zip(paths[1:], parts[1:], strict=True):
        if part[2] != features:
            raise MulanFormatError(f"{path}: its attributes differ from those of {paths[0]}; expected the same header.")
    Xs = [p[0] for p in parts]
    X = sp.vstack(Xs).tocsr() if any(sp.issparse(x) for x in Xs) else np.vstack(Xs)
    Y = np.vstack([p[1] for p in parts])
    return MulanData(X=X, Y=Y, feature_names=features, label_names=parts[0][3],
                     source=", ".join(str(p) for p in paths))


def find_mulan_files(paths):
    """From a folder or a list of files, the ARFF files (train before test) and the XML file."""
    paths = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    files = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(p.iterdir()))
        elif p.is_file():
            files.append(p)
        else:
            raise MulanFormatError(f"{p}: no such file or folder.")
    arffs = [f for f in files if f.suffix.lower() == ".arff"]
    xmls = [f for f in files if f.suffix.lower() == ".xml"]
    if not arffs or len(xmls) != 1:
        raise MulanFormatError(
            f"{', '.join(map(str, paths))}: found {len(arffs)} .arff and {len(xmls)} .xml file(s); "
            "expected one or more .arff files and exactly one .xml label file."
        )
    arffs.sort(key=lambda f: ("test" in f.stem.lower(), f.name))
    return arffs, xmls[0]
