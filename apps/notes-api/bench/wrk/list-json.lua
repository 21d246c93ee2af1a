-- GET /api/notes?limit=50 : the JSON list of 50 notes (same page size on both sides).
wrk.method = "GET"
wrk.path = "/api/notes?limit=50"
