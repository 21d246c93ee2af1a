// The one place where an operation recorded by the portal is handed to the deploy engine.
//
// environments.launch and environments.delete record an Operation row (status "pending") in the same
// transaction as the environment change, then call startOperation(operation.id) once that is committed.
// Until the deploy engine (src/server/deploy/) lands, this does nothing: the operation stays pending and
// the environments list shows it as such. Wiring the engine in means replacing this body only; the
// callers need not change. It must not throw for an engine failure: the engine records failures on the
// Operation row, which the list and the dashboard read.
export async function startOperation(operationId: string): Promise<void> {
  void operationId;
}
