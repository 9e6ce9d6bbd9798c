'use strict';
// In-process task handlers for the example flows (resources `local:NAME`). The server loads this
// module when it deploys the examples; `ordo run examples/order.yaml --handlers examples/handlers.js`
// uses it too. A handler gets the task input and a context ({token, attempt, executionName,
// flowName, stepName, stepPath, signal, reportTaskSucceeded, ...}); it returns the task output or
// throws an Error whose `name` is the FDL error name and whose `message` is the cause.

/** An Error carrying an FDL error name. */
function taskError(name, cause) {
  const error = new Error(cause);
  error.name = name;
  return error;
}

module.exports = {
  /** Reserves stock; the first attempt always finds the stock service busy, to show a retry. */
  async reserveStock(input, ctx) {
    if (ctx.attempt <= 1) throw taskError('StockServiceBusy', `The stock service is busy (attempt ${ctx.attempt}).`);
    return { reservationId: `R-${input.orderId ?? 'unknown'}`, reservedAt: new Date().toISOString() };
  },

  /** Charges the order; amounts over 1000 are declined. */
  async chargePayment(input) {
    const amount = Number(input.amount ?? 0);
    if (amount > 1000) throw taskError('PaymentDeclined', `The card limit is 1000, the order needs ${amount}.`);
    return { paymentId: `P-${input.orderId ?? 'unknown'}`, charged: amount };
  },

  /** Releases a reservation after a declined payment. */
  async releaseStock(input) {
    return { released: true, reservationId: input.reservationId ?? null };
  },

  /**
   * Stands in for "email the approver": prints how to complete the waiting task. A real handler
   * would send the token to a person or a system, which then calls reportTaskSucceeded/Failed.
   */
  async requestApproval(input) {
    const output = JSON.stringify({ approved: true, approver: 'alice' });
    process.stderr.write(
      `\n[examples/approval] ${input.executionName}: order ${input.orderId} (amount ${input.amount}) awaits approval.\n`
      + `  approve: npx ordo report-success ${input.taskToken} --output '${output}'\n`
      + `  reject:  npx ordo report-failure ${input.taskToken} --error ApprovalRejected --cause 'not this time'\n\n`,
    );
    return { notified: true };
  },
};
