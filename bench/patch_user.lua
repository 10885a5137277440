-- wrk script: an authenticated API write (PATCH a user's display name), each request a new value.
-- HQMS_COOKIE and HQMS_CSRF come from the environment (bench/run.sh signs in first).
local counter = 0
wrk.method = "PATCH"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = os.getenv("HQMS_COOKIE")
wrk.headers["X-CSRF-Token"] = os.getenv("HQMS_CSRF")

request = function()
  counter = counter + 1
  return wrk.format(nil, "/api/v1/users/24", nil, '{"displayName":"Aoife Byrne ' .. counter .. '"}')
end
