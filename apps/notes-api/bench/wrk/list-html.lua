-- GET / : the HTML list page with 50 notes (both sides render 50).
wrk.method = "GET"
wrk.path = "/"
