"""API of the log's Merkle tree (RFC 9162, no login): an entry's inclusion proof and the
consistency proof between two tree sizes. Hashes are base64 (standard alphabet, padded), as a
C2SP checkpoint writes its root hash. Each answer is read in two queries (the tree's size,
then O(log N) stored subtree hashes), whatever the log's size."""

from __future__ import annotations

import base64

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from governance.decision_log import merkle

# An answer for an explicit tree size never changes (the log is append-only).
IMMUTABLE = "public, max-age=31536000, immutable"
ENCODING = "base64"
HASH_HELP = "SHA-256, base64 (standard alphabet, padded)"


def b64(digest: bytes) -> str:
    return base64.b64encode(digest).decode("ascii")


class InclusionProofSerializer(serializers.Serializer):
    seq = serializers.IntegerField(help_text="The entry's seq.")
    leaf_index = serializers.IntegerField(help_text="Its leaf in the tree: seq - 1.")
    tree_size = serializers.IntegerField(help_text="The tree the proof is for (entries).")
    leaf_hash = serializers.CharField(help_text=f"SHA-256(0x00 || canonical); {HASH_HELP}.")
    root_hash = serializers.CharField(help_text=f"The tree head of tree_size; {HASH_HELP}.")
    audit_path = serializers.ListField(
        child=serializers.CharField(),
        help_text=f"RFC 9162 §2.1.3 audit path, bottom up; {HASH_HELP}.",
    )
    encoding = serializers.CharField(help_text="How hashes are written: base64.")

    class Meta:
        ref_name = "DecisionLogInclusionProof"


class ConsistencyProofSerializer(serializers.Serializer):
    first = serializers.IntegerField(help_text="The smaller tree (entries).")
    second = serializers.IntegerField(help_text="The larger tree (entries).")
    first_hash = serializers.CharField(help_text=f"The tree head of first; {HASH_HELP}.")
    second_hash = serializers.CharField(help_text=f"The tree head of second; {HASH_HELP}.")
    proof = serializers.ListField(
        child=serializers.CharField(),
        help_text=f"RFC 9162 §2.1.4 consistency proof; {HASH_HELP}.",
    )
    encoding = serializers.CharField(help_text="How hashes are written: base64.")

    class Meta:
        ref_name = "DecisionLogConsistencyProof"


class ProofErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()

    class Meta:
        ref_name = "DecisionLogProofError"


def _size(request: Request, name: str, *, required: bool) -> int | None:
    text = request.query_params.get(name, "").strip()
    if not text:
        if required:
            raise serializers.ValidationError({name: f"Give {name}: a tree size, in entries."})
        return None
    if not text.isdigit():
        raise serializers.ValidationError({name: f"{name} is a whole number of entries."})
    return int(text)


def _bad(message: str) -> Response:
    return Response({"detail": message}, status=400)


def _cacheable(response: Response, fixed: bool) -> Response:
    if fixed:
        response["Cache-Control"] = IMMUTABLE
    response["Access-Control-Allow-Origin"] = "*"
    return response


class InclusionProofApi(APIView):
    """The audit path that proves entry ``seq`` is in the tree of ``tree_size`` entries (by
    default the whole log): hash the entry's canonical text as a leaf, combine it with the
    path as RFC 9162 §2.1.3.2 says, and compare with a signed checkpoint's root hash."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "tree_size",
                int,
                description="The tree size to prove inclusion in (at least seq, at most the "
                "log's size); the log's size when left out.",
            )
        ],
        responses={200: InclusionProofSerializer, 400: ProofErrorSerializer},
        operation_id="decision_log_inclusion_proof",
    )
    def get(self, request: Request, seq: int) -> Response:
        size = _size(request, "tree_size", required=False)
        try:
            found = merkle.inclusion(seq - 1, size)
        except ValueError as error:
            current = merkle.current_size()
            if not 1 <= seq <= current:
                raise Http404("No entry of the decision log has this seq.") from error
            return _bad(
                f"tree_size must be between {seq} and {current} (the log's size) for a tree "
                f"that holds entry {seq}."
            )
        data = {
            "seq": seq,
            "leaf_index": found.index,
            "tree_size": found.size,
            "leaf_hash": b64(found.leaf),
            "root_hash": b64(found.root),
            "audit_path": [b64(digest) for digest in found.proof],
            "encoding": ENCODING,
        }
        return _cacheable(Response(InclusionProofSerializer(data).data), size is not None)


class ConsistencyProofApi(APIView):
    """The proof that the log of ``first`` entries is a prefix of the log of ``second``
    entries (by default the whole log): that no entry was changed, removed or reordered
    between two checkpoints (RFC 9162 §2.1.4.2)."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "first", int, required=True, description="The smaller tree size (0 or more)."
            ),
            OpenApiParameter(
                "second",
                int,
                description="The larger tree size (at least first, at most the log's size); "
                "the log's size when left out.",
            ),
        ],
        responses={200: ConsistencyProofSerializer, 400: ProofErrorSerializer},
        operation_id="decision_log_consistency_proof",
    )
    def get(self, request: Request) -> Response:
        first = _size(request, "first", required=True)
        second = _size(request, "second", required=False)
        assert first is not None  # noqa: S101 (required)
        try:
            found = merkle.consistency(first, second)
        except ValueError as error:
            return _bad(str(error))
        data = {
            "first": found.first,
            "second": found.second,
            "first_hash": b64(found.first_root),
            "second_hash": b64(found.second_root),
            "proof": [b64(digest) for digest in found.proof],
            "encoding": ENCODING,
        }
        return _cacheable(Response(ConsistencyProofSerializer(data).data), second is not None)
