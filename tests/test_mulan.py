"""The Mulan ARFF + XML loader, on tiny dense and sparse files written here."""

import numpy as np
import pytest
import scipy.sparse as sp

from utils.mulan import MulanFormatError, find_mulan_files, load_arff, load_mulan, read_label_names

XML = """<?xml version="1.0" encoding="utf-8"?>
<labels xmlns="http://mulan.sourceforge.net/labels">
<label name="lab2"></label>
<label name="lab1"></label>
</labels>
"""

DENSE = """% a comment
@relation tiny
@attribute f1 numeric
@attribute f2 NUMERIC
@attribute lab1 {0,1}
@attribute lab2 {0,1}
@data
1.5,2,1,0
0,-1,0,1
% another comment
3,0.25,1,1
"""

SPARSE = """@relation 'tiny sparse'
@attribute w0 {0,1}
@attribute w1 {0,1}
@attribute w2 {0,1}
@attribute lab1 {0,1}
@attribute lab2 {0,1}
@data
{0 1,3 1}
{1 1,2 1,4 1}
{}
"""


@pytest.fixture
def files(tmp_path):
    (tmp_path / "tiny.xml").write_text(XML)
    (tmp_path / "tiny-train.arff").write_text(DENSE)
    (tmp_path / "tiny-test.arff").write_text(DENSE.replace("3,0.25,1,1", "7,7,0,0"))
    (tmp_path / "sparse.arff").write_text(SPARSE)
    return tmp_path


def test_label_names_in_xml_order(files):
    assert read_label_names(files / "tiny.xml") == ["lab2", "lab1"]


def test_dense_file_labels_by_name_in_attribute_order(files):
    data = load_mulan(files / "tiny-train.arff", files / "tiny.xml")
    assert isinstance(data.X, np.ndarray)
    np.testing.assert_allclose(data.X, [[1.5, 2], [0, -1], [3, 0.25]])
    np.testing.assert_array_equal(data.Y, [[1, 0], [0, 1], [1, 1]])
    assert data.label_names == ["lab1", "lab2"] and data.feature_names == ["f1", "f2"]
    assert data.Y.dtype.kind == "i"


def test_sparse_file_gives_a_csr_matrix(files):
    data = load_mulan(files / "sparse.arff", files / "tiny.xml")
    assert sp.issparse(data.X) and data.X.format == "csr"
    np.testing.assert_array_equal(data.X.toarray(), [[1, 0, 0], [0, 1, 1], [0, 0, 0]])
    np.testing.assert_array_equal(data.Y, [[1, 0], [0, 1], [0, 0]])


def test_train_and_test_stack_and_are_found_in_a_folder(files):
    (files / "sparse.arff").unlink()
    arffs, xml = find_mulan_files(files)
    assert [a.name for a in arffs] == ["tiny-train.arff", "tiny-test.arff"] and xml.name == "tiny.xml"
    data = load_mulan(arffs, xml)
    assert data.X.shape == (6, 2) and data.Y.shape == (6, 2)
    np.testing.assert_array_equal(data.Y[-1], [0, 0])


def test_load_arff_reads_raw_matrix(files):
    matrix, names = load_arff(files / "tiny-train.arff")
    assert names == ["f1", "f2", "lab1", "lab2"] and matrix.shape == (3, 4)


@pytest.mark.parametrize("xml, message", [
    ("<labels></labels>", "expected one or more <label"),
    ("<labels><label name='a'>", "not well-formed XML"),
    ("<labels><label name='a'/><label name='a'/></labels>", "more than once"),
])
def test_bad_xml_is_explained(tmp_path, xml, message):
    path = tmp_path / "bad.xml"
    path.write_text(xml)
    with pytest.raises(MulanFormatError, match=message):
        read_label_names(path)


def test_missing_files_and_labels_are_explained(files):
    with pytest.raises(MulanFormatError, match="label file not found"):
        read_label_names(files / "nope.xml")
    with pytest.raises(MulanFormatError, match="ARFF file not found"):
        load_arff(files / "nope.arff")
    (files / "other.xml").write_text("<labels><label name='zzz'/></labels>")
    with pytest.raises(MulanFormatError, match=r"label\(s\) \['zzz'\].*not attributes"):
        load_mulan(files / "tiny-train.arff", files / "other.xml")
    with pytest.raises(MulanFormatError, match="exactly one .xml"):
        find_mulan_files(files)  # two XML files now
    with pytest.raises(MulanFormatError, match="no such file or folder"):
        find_mulan_files(files / "missing")


def test_bad_arff_content_is_explained(tmp_path):
    (tmp_path / "l.xml").write_text(XML)
    (tmp_path / "string.arff").write_text("@relation r\n@attribute s string\n@attribute lab1 {0,1}\n"
                                          "@attribute lab2 {0,1}\n@data\nhello,1,0\n")
    with pytest.raises(MulanFormatError, match="attribute 's' has type 'STRING'; expected numeric"):
        load_arff(tmp_path / "string.arff")
    (tmp_path / "short.arff").write_text(DENSE.replace("1.5,2,1,0", "1.5,2,1"))
    with pytest.raises(MulanFormatError, match="cannot parse as dense"):
        load_arff(tmp_path / "short.arff")
    (tmp_path / "nodata.arff").write_text("@relation r\n@attribute a numeric\n")
    with pytest.raises(MulanFormatError, match="no @data section"):
        load_arff(tmp_path / "nodata.arff")
    (tmp_path / "missing.arff").write_text(DENSE.replace("1.5,2,1,0", "1.5,2,?,0"))
    with pytest.raises(MulanFormatError, match="label columns must hold 0 or 1"):
        load_mulan(tmp_path / "missing.arff", tmp_path / "l.xml")


def test_literature_benchmark_runs_on_files_given_on_the_command_line(tmp_path, capsys):
    import importlib.util

    from utils import REPO_ROOT

    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 3))
    Y = np.column_stack([X[:, 0] > 0, X[:, 1] > 0.5, X[:, 0] + X[:, 2] > 0]).astype(int)
    header = "@relation toy\n" + "".join(f"@attribute f{i} numeric\n" for i in range(3))
    header += "".join(f"@attribute L{j} {{0,1}}\n" for j in range(3)) + "@data\n"
    rows = [",".join([f"{v:.4f}" for v in x] + [str(v) for v in y]) for x, y in zip(X, Y, strict=True)]
    (tmp_path / "toy-train.arff").write_text(header + "\n".join(rows[:30]) + "\n")
    (tmp_path / "toy-test.arff").write_text(header + "\n".join(rows[30:]) + "\n")
    (tmp_path / "toy.xml").write_text("<labels>" + "".join(f"<label name='L{j}'/>" for j in range(3)) + "</labels>")
    spec = importlib.util.spec_from_file_location("mlknn_literature", REPO_ROOT / "benchmarks" / "mlknn_literature.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main([str(tmp_path), "--folds", "4"])
    out = capsys.readouterr().out
    assert "40 samples, 3 features, 3 labels" in out
    for metric in ["hamming_loss", "one_error", "coverage", "ranking_loss", "average_precision"]:
        assert metric in out
    assert "paper (yeast)" not in out  # the paper's column only appears for yeast
    with pytest.raises(SystemExit, match="error: .*no such file or folder"):
        module.main([str(tmp_path / "missing")])
