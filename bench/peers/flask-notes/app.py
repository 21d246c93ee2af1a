"""The benchmark peer: the seed's notes app as the seed deploys it (Flask + Flask-SQLAlchemy + PyMySQL on
Gunicorn sync workers), with the seed's one table and pages, plus the JSON list/create/toggle endpoints
the benchmark needs (the seed had none), written the way that app is written: ORM reads and writes.

Run: PEER_DATABASE_URL=mysql+pymysql://u:p@127.0.0.1:3317/db /usr/bin/python3 -m gunicorn -w 5 app:app
Not a test fixture and not production code: it exists only to be measured against in bench/.
"""

import os

from flask import Flask, jsonify, redirect, render_template, request, url_for
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["PEER_DATABASE_URL"]
app.config["SQLALCHEMY_TRACK_MODIFICATIONS"] = False
db = SQLAlchemy(app)

PAGE_SIZE = 50


class Entry(db.Model):
    __tablename__ = "entries"
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(64), index=True, nullable=False)
    description = db.Column(db.String(120), index=True, nullable=False)
    status = db.Column(db.Boolean, default=False)

    def to_dict(self):
        return {"id": self.id, "title": self.title, "description": self.description, "status": self.status}


@app.route("/")
@app.route("/index")
def index():
    entries = Entry.query.order_by(Entry.id.desc()).limit(PAGE_SIZE).all()
    return render_template("index.html", entries=entries)


@app.route("/add", methods=["POST"])
def add():
    title = request.form.get("title", "")
    description = request.form.get("description", "")
    if title and description and len(title) <= 64 and len(description) <= 120:
        db.session.add(Entry(title=title, description=description))
        db.session.commit()
    return redirect(url_for("index"))


@app.route("/turn/<int:id>")
def turn(id):
    entry = Entry.query.get_or_404(id)
    entry.status = not entry.status
    db.session.commit()
    return redirect(url_for("index"))


@app.route("/api/notes")
def api_list():
    limit = min(int(request.args.get("limit", 20)), 100)
    entries = Entry.query.order_by(Entry.id.desc()).limit(limit).all()
    return jsonify(notes=[e.to_dict() for e in entries])


@app.route("/api/notes", methods=["POST"])
def api_create():
    body = request.get_json()
    entry = Entry(title=body["title"], description=body["description"])
    db.session.add(entry)
    db.session.commit()
    return jsonify(entry.to_dict()), 201


@app.route("/api/notes/<int:id>/toggle", methods=["POST"])
def api_toggle(id):
    entry = Entry.query.get_or_404(id)
    entry.status = not entry.status
    db.session.commit()
    return jsonify(entry.to_dict())


if __name__ == "__main__":
    # `python3 app.py` creates the table once, before Gunicorn forks (workers racing create_all would fail).
    with app.app_context():
        db.create_all()
