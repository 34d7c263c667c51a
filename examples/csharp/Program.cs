// Program.cs: prints what examples/c/latchkey_example.c prints, through the LatchkeyClient wrapper:
// `key=value` lines and the same exit statuses.
//
//   latchkey-example [PRODUCT] [--audience URL] [--print-token] [--threads N] [--watch SECONDS]
//
// Exit status: 0 done; 1 nobody signed in (or the terms wait to be accepted) or PRODUCT not
// entitled; 3 no agent runs for this user; 6 the user (or IT) did not allow this program; 2 any
// other failure.
using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;

namespace Latchkey.Example
{
    public static class Program
    {
        const string AppName = "csharp-example";
        const int CallsPerThread = 50;
        const int Done = 0, NotEntitled = 1, Other = 2, NoAgent = 3, AppNotAllowed = 6;

        static int ExitStatusOf(LkResult result)
        {
            switch (result)
            {
                case LkResult.Ok:
                    return Done;
                case LkResult.NotSignedIn:
                case LkResult.TosRequired:
                    return NotEntitled;
                case LkResult.NoAgent:
                    return NoAgent;
                case LkResult.AppNotAllowed:
                    return AppNotAllowed;
                default:
                    return Other;
            }
        }

        static string StateName(LkState state)
        {
            switch (state)
            {
                case LkState.SignedOut: return "signed_out";
                case LkState.SigningIn: return "signing_in";
                case LkState.TosRequired: return "tos_required";
                case LkState.SignedIn: return "signed_in";
                case LkState.Offline: return "offline";
                case LkState.Expired: return "expired";
                default: return "unknown";
            }
        }

        /// <summary>`key=value` on one line; null is `none`.</summary>
        static void Line(string key, string value)
        {
            Console.WriteLine(key + "=" + (value ?? "none").Replace('\r', ' ').Replace('\n', ' '));
        }

        static int Report(LatchkeyException error)
        {
            Console.WriteLine("error=" + error.Function + " " + error.ResultName);
            Line("error_code", error.Code);
            Line("error_message", error.Message);
            return ExitStatusOf(error.Result);
        }

        static int Usage()
        {
            Console.Error.WriteLine("usage: latchkey-example [PRODUCT] [--audience URL] [--print-token] [--threads N] [--watch SECONDS]");
            return Other;
        }

        static bool ParseCount(string[] args, ref int i, int max, out int value)
        {
            value = 0;
            return ++i < args.Length && int.TryParse(args[i], out value) && value >= 0 && value <= max;
        }

        public static int Main(string[] args)
        {
            string product = null, audience = null;
            bool printToken = false;
            int threads = 0, watchSeconds = 0;
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] == "--print-token")
                {
                    printToken = true;
                }
                else if (args[i] == "--audience" && i + 1 < args.Length)
                {
                    audience = args[++i];
                }
                else if (args[i] == "--threads")
                {
                    if (!ParseCount(args, ref i, 256, out threads)) return Usage();
                }
                else if (args[i] == "--watch")
                {
                    if (!ParseCount(args, ref i, 24 * 3600, out watchSeconds)) return Usage();
                }
                else if (args[i].StartsWith("-", StringComparison.Ordinal) || product != null)
                {
                    return Usage();
                }
                else
                {
                    product = args[i];
                }
            }
            try
            {
                Console.OutputEncoding = new UTF8Encoding(false);
            }
            catch (System.IO.IOException)
            {
                // no console (output redirected on .NET Framework): the stream stays as it is
            }

            Line("variant", "csharp");
            try
            {
                Line("library_version", LatchkeyClient.LibraryVersion);
            }
            catch (DllNotFoundException error)
            {
                Console.WriteLine("error=load LK_ERR_NO_LIBRARY");
                Line("error_code", null);
                Line("error_message", "liblatchkey not found (" + error.Message + "): install Latchkey's SDK, or put the library beside this program");
                return Other;
            }

            LatchkeyClient client;
            try
            {
                client = new LatchkeyClient(AppName);
            }
            catch (LatchkeyException error)
            {
                return Report(error);
            }
            using (client)
            {
                int status = Done;
                try
                {
                    LatchkeyStatus session = client.Status();
                    PrintStatus(session);
                    if (!session.HasSession)
                    {
                        status = NotEntitled; // nobody signed in: no token, no entitlements
                    }
                    else
                    {
                        PrintToken(client, audience, printToken, session.State);
                        PrintEntitlements(client);
                        if (product != null)
                        {
                            status = PrintProductCheck(client, product);
                        }
                        if (status == Done && threads > 0)
                        {
                            status = RunThreads(client, audience, threads);
                        }
                    }
                }
                catch (LatchkeyException error)
                {
                    status = Report(error);
                }
                if (watchSeconds > 0)
                {
                    int watched = Watch(client, watchSeconds);
                    if (status == Done) status = watched;
                }
                return status;
            }
        }

        static void PrintStatus(LatchkeyStatus session)
        {
            Line("state", StateName(session.State));
            if (session.Email != null) Line("email", session.Email);
            if (session.FirstName != null || session.LastName != null)
            {
                Line("name", ((session.FirstName ?? "") + " " + (session.LastName ?? "")).Trim());
            }
            if (session.OrgName != null) Line("organization", session.OrgName);
            if (session.OfflineUntil != null) Line("offline_until", session.OfflineUntil);
        }

        static void PrintToken(LatchkeyClient client, string audience, bool printToken, LkState state)
        {
            LatchkeyToken token;
            try
            {
                token = client.Token(audience, 0); // 0: the agent's default, 60 s
            }
            catch (LatchkeyException error)
            {
                if (error.Result == LkResult.BackendUnreachable && state == LkState.Offline)
                {
                    Report(error); // offline: the entitlements still answer from the signed cache
                    return;
                }
                throw;
            }
            Line("token_expires_at", token.ExpiresAtText);
            Line("token_expires_at_unix", token.ExpiresAt.ToUnixTimeSeconds().ToString());
            Line("token_length", Encoding.UTF8.GetByteCount(token.Value ?? "").ToString());
            if (printToken) Line("access_token", token.Value);
        }

        static void PrintEntitlements(LatchkeyClient client)
        {
            LatchkeyEntitlements entitlements = client.Entitlements();
            Line("entitlements", entitlements.Items.Count.ToString());
            Line("entitlements_source", entitlements.FromCache ? "cache" : "server");
            Line("entitlements_offline_until", entitlements.OfflineUntil);
            foreach (LatchkeyEntitlement item in entitlements.Items)
            {
                string features = item.Features.Count == 0 ? "none" : string.Join(",", item.Features);
                string line = item.Product + " features=" + features + " expires_at=" + (item.ExpiresAt ?? "never");
                if (item.Name != null) line += " name=" + item.Name;
                Line("entitlement", line);
            }
        }

        static int PrintProductCheck(LatchkeyClient client, string product)
        {
            string reason;
            bool entitled = client.IsEntitled(product, out reason);
            Line("entitled", product + (entitled ? " yes" : " no"));
            if (reason != null) Line("entitled_reason", reason);
            return entitled ? Done : NotEntitled;
        }

        /// <summary>N threads share the one client; each asks for a token CallsPerThread times.</summary>
        static int RunThreads(LatchkeyClient client, string audience, int count)
        {
            int failures = 0;
            var firstFailures = new LatchkeyException[count];
            var workers = new List<Thread>();
            for (int t = 0; t < count; t++)
            {
                int index = t;
                var worker = new Thread(delegate ()
                {
                    for (int call = 0; call < CallsPerThread; call++)
                    {
                        try
                        {
                            LatchkeyToken token = client.Token(audience, 0);
                            if (string.IsNullOrEmpty(token.Value) || token.ExpiresAtText == null)
                            {
                                throw new LatchkeyException("lk_token_get", LkResult.Protocol, null, "an empty token", "LK_ERR_PROTOCOL");
                            }
                        }
                        catch (LatchkeyException error)
                        {
                            Interlocked.Increment(ref failures);
                            if (firstFailures[index] == null) firstFailures[index] = error;
                        }
                    }
                });
                worker.Start();
                workers.Add(worker);
            }
            foreach (Thread worker in workers) worker.Join();
            Line("threads", count.ToString());
            Line("thread_calls", (count * CallsPerThread).ToString());
            Line("thread_failures", failures.ToString());
            foreach (LatchkeyException first in firstFailures)
            {
                if (first != null) return Report(first);
            }
            return Done;
        }

        static int Watch(LatchkeyClient client, int seconds)
        {
            int calls = 0;
            LatchkeySubscription subscription;
            try
            {
                subscription = client.Subscribe(delegate (LatchkeyStatus session)
                {
                    // On a library thread; once now and at each change.
                    Interlocked.Increment(ref calls);
                    Line("watch_state", StateName(session.State));
                });
            }
            catch (LatchkeyException error)
            {
                return Report(error);
            }
            Thread.Sleep(seconds * 1000);
            subscription.Dispose(); // once it returns, the handler is never called again
            int seen = Volatile.Read(ref calls);
            Line("watch_calls", seen.ToString());
            Thread.Sleep(200);
            if (Volatile.Read(ref calls) != seen)
            {
                Console.WriteLine("error=lk_subscription_free the callback ran after lk_subscription_free returned");
                return Other;
            }
            return Done;
        }
    }
}
