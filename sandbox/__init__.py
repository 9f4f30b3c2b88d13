"""A local fake of WeChat's servers for tests and demos, listening on 127.0.0.1 only.

It implements the documented request and response formats of the endpoints
this service calls, records every call, and can inject a WeChat error code
into the next calls to a path.
"""
