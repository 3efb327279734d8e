"""Similar-petition suggestions for Vietnamese voters' petitions.

    from kernel.similarity import SimilarityIndex, DEFAULT_THRESHOLD, similarity

    index = SimilarityIndex(threshold=DEFAULT_THRESHOLD)
    index.add("p-1", "Đề nghị sửa chữa đường liên xã Tân Phú bị xuống cấp")
    index.similar("duong lien xa tan phu xuong cap, de nghi nang cap")  # [("p-1", 0.9...)]
    index.similar(text, level=CENTRAL_LEVEL)  # a national policy: provinces set aside

Pure Python over rapidfuzz; nothing is read or built at import. The index is not
thread-safe: hold one lock around every call (see `index.py`).
"""

from kernel.similarity.index import CENTRAL_LEVEL, DEFAULT_THRESHOLD, SimilarityIndex
from kernel.similarity.scoring import similarity

__all__ = ["CENTRAL_LEVEL", "DEFAULT_THRESHOLD", "SimilarityIndex", "similarity"]
