"""Shared by the asset tests: ask with an Accept-Encoding, read a body back."""
import gzip

import brotli

DECODE = {"br": brotli.decompress, "gzip": gzip.decompress}


def get(client, url: str, accept_encoding: str | None = None):
    headers = {"Accept-Encoding": accept_encoding} if accept_encoding else {}
    return client.get(url, headers=headers)
