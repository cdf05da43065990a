import * as vscode from 'vscode';
import { periodStarts, spendReport } from '../lib/spend-text.ts';
import type { Deps } from '../panels/run.ts';

/** Show Spend: today's and the month's spend from the studio's ledger, and the budgets. */
export async function showSpend(deps: Deps): Promise<void> {
  const { client } = deps.connection;
  const { day, month } = periodStarts(new Date());
  const [today, thisMonth, budgets] = await Promise.all([
    client.spend.summary.query({ from: day }),
    client.spend.summary.query({ from: month }),
    client.budgets.list.query({}),
  ]);
  const report = spendReport(today, thisMonth, budgets);
  deps.log.info(`Spend:\n${report}`);
  await vscode.window.showInformationMessage(`Atelier spend on ${deps.connection.label}`, {
    modal: true,
    detail: report,
  });
}
