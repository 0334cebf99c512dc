-- Call ids are reserved 100 at a time (call.CallIds): one nextval per block instead of one per call.
ALTER SEQUENCE webhook_call_ids INCREMENT BY 100;
