"""The bare Flask baseline: the smallest app that reads a JSON body and answers JSON."""
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/save")
def save():
    payload = request.get_json(silent=True) or {}
    return jsonify(ok=True, position=payload.get("position"))


@app.get("/page")
def page():
    return "<!doctype html><meta charset=utf-8><title>x</title><p>ok</p>"
