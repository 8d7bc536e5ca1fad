import sys, os, json
import numpy as np, scipy.sparse as sp
from pecos.xmc.xlinear.model import XLinearModel
from pecos.xmc import Indexer, LabelEmbeddingFactory
rng = np.random.RandomState(0)
n, d, L = 200, 60, 24
rows, cols, vals, yr, yc = [], [], [], [], []
for i in range(n):
    labs = sorted(set(rng.randint(0, L, size=rng.randint(1, 3))))
    for l in labs:
        yr.append(i); yc.append(l)
        for j in range(2):
            rows.append(i); cols.append((l * 2 + j) % d); vals.append(1.0 + rng.rand())
    for _ in range(3):
        rows.append(i); cols.append(rng.randint(48, d)); vals.append(rng.rand())
X = sp.csr_matrix((np.array(vals, np.float32), (rows, cols)), shape=(n, d), dtype=np.float32)
X.sum_duplicates(); X.sort_indices()
Y = sp.csr_matrix((np.ones(len(yr), np.float32), (yr, yc)), shape=(n, L), dtype=np.float32)
nrm = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel()); nrm[nrm == 0] = 1
X = sp.csr_matrix(sp.diags(1 / nrm) @ X, dtype=np.float32); X.sort_indices()
feat = LabelEmbeddingFactory.create(Y, X, method="pifa")
cc = Indexer.gen(feat, indexer_type="hierarchicalkmeans", nr_splits=2, max_leaf_size=4, seed=0)
m = XLinearModel.train(X, Y, C=cc)
out = sys.argv[1]
m.save(out)
Xq = X[:20]
P = m.predict(Xq, beam_size=10, only_topk=5).tocsr()
preds = []
for i in range(P.shape[0]):
    s, e = P.indptr[i], P.indptr[i+1]
    order = np.argsort(-P.data[s:e])
    preds.append([[int(P.indices[s:e][o]), float(P.data[s:e][o])] for o in order])
with open(os.path.join(out, "..", "queries.txt"), "w") as f:
    for i in range(20):
        s, e = Xq.indptr[i], Xq.indptr[i+1]
        f.write(" ".join(f"{j}:{v!r}" for j, v in zip(Xq.indices[s:e], Xq.data[s:e].tolist())) + "\n")
json.dump(preds, open(os.path.join(out, "..", "predictions.json"), "w"))
print([c.shape for c in cc])
