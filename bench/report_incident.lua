-- wrk script: reporting an event through the API (validated, stored with its search index, audited,
-- committed durably), each request a new report. HQMS_COOKIE and HQMS_CSRF come from the environment.
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = os.getenv("HQMS_COOKIE")
wrk.headers["X-CSRF-Token"] = os.getenv("HQMS_CSRF")

request = function()
  counter = counter + 1
  local body = '{"type":"incident","category":"fall","harm":"mild","harmDuration":"temporary",' ..
    '"details":{"assisted":"unassisted","injury":"minor","riskAssessmentDone":"yes"},"departmentId":1,' ..
    '"occurredAt":"2026-01-15T03:00:00Z","patient":{"identifier":"MRN' .. counter .. '","name":""},' ..
    '"description":"Patient found on the floor beside the bed at night, report ' .. counter .. '"}'
  return wrk.format(nil, "/api/v1/incidents", nil, body)
end
