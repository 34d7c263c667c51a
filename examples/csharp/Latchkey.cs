// Latchkey.cs: P/Invoke bindings for liblatchkey (latchkey.h) and a safe wrapper, LatchkeyClient.
//
// Native: one DllImport per function of the header, with structs laid out as the header's.
// LatchkeyClient: the same calls as .NET objects; every failure throws LatchkeyException with the
// library's lk_result and the agent's stable code ("app_not_allowed", ...).
//
// The library file is "latchkey": latchkey.dll on Windows, liblatchkey.so on Linux (the .NET and
// Mono loaders add the prefix and suffix). Only C# 6 and APIs that .NET Framework 4.5, Mono and
// .NET 8 all have: this file compiles with `mcs` as it does with `dotnet build`.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Latchkey
{
    /// <summary>lk_result: what every function of the library returns.</summary>
    public enum LkResult : int
    {
        Ok = 0,
        InvalidArgument = 1,
        NoAgent = 2,
        ForeignAgent = 3,
        NotSignedIn = 4,
        TosRequired = 5,
        BackendUnreachable = 6,
        AppNotAllowed = 7,
        UnsupportedAudience = 8,
        Timeout = 9,
        NoInteractiveSession = 10,
        AccessDenied = 11,
        Agent = 12,
        Protocol = 13,
        Internal = 14,
    }

    /// <summary>lk_state: the session's state.</summary>
    public enum LkState : int
    {
        SignedOut = 0,
        SigningIn = 1,
        TosRequired = 2,
        SignedIn = 3,
        Offline = 4,
        Expired = 5,
        Unknown = 6,
    }

    /// <summary>struct lk_status. Strings are UTF-8, NULL (IntPtr.Zero) when absent.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct LkStatus
    {
        public LkState State;
        public IntPtr Email;
        public IntPtr FirstName;
        public IntPtr LastName;
        public IntPtr OrgName;
        public IntPtr OfflineUntil;
    }

    /// <summary>struct lk_token.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct LkToken
    {
        public IntPtr AccessToken;
        public UIntPtr AccessTokenLength;
        public IntPtr ExpiresAt;
        public long ExpiresAtUnix;
    }

    /// <summary>struct lk_entitlement.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct LkEntitlement
    {
        public IntPtr Product;
        public IntPtr Name;
        public IntPtr Features; // char **: FeatureCount pointers
        public UIntPtr FeatureCount; // size_t
        public IntPtr ExpiresAt;
    }

    /// <summary>struct lk_entitlements.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct LkEntitlements
    {
        public IntPtr Items; // lk_entitlement *: Count structs
        public UIntPtr Count; // size_t
        public IntPtr OfflineUntil;
        public byte FromCache; // C bool: one byte, 0 or 1
    }

    /// <summary>lk_status_callback. Runs on a library thread; `status` is valid during the call only.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void LkStatusCallback(IntPtr status, IntPtr userData);

    /// <summary>The lk_client pointer; lk_client_free runs once no call uses it any more.</summary>
    public sealed class LkClientHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        public LkClientHandle() : base(true) { }

        internal LkClientHandle(IntPtr client) : base(true)
        {
            SetHandle(client);
        }

        protected override bool ReleaseHandle()
        {
            Native.lk_client_free(handle);
            return true;
        }
    }

    /// <summary>The C functions, as latchkey.h declares them. Text goes in as NUL-terminated UTF-8
    /// (Utf8.Encode) and comes out as IntPtr (Utf8.Decode): the default string marshalling is the
    /// ANSI code page on Windows.</summary>
    public static class Native
    {
        public const string Library = "latchkey";

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr lk_version();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern LkResult lk_connect(byte[] socketPath, byte[] appName, out IntPtr client);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern void lk_client_free(IntPtr client);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern LkResult lk_status_get(LkClientHandle client, out IntPtr status);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern void lk_status_free(IntPtr status);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern LkResult lk_token_get(LkClientHandle client, byte[] audience, uint minValidSeconds, out IntPtr token);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern void lk_token_free(IntPtr token);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern LkResult lk_entitlements_get(LkClientHandle client, out IntPtr entitlements);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern void lk_entitlements_free(IntPtr entitlements);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern LkResult lk_product_check(LkClientHandle client, byte[] product,
            [MarshalAs(UnmanagedType.I1)] out bool entitled, out IntPtr reason);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern LkResult lk_sign_in(LkClientHandle client, uint waitSeconds);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern LkResult lk_subscribe(LkClientHandle client, LkStatusCallback callback, IntPtr userData, out IntPtr subscription);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern void lk_subscription_free(IntPtr subscription);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr lk_last_error_message();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr lk_last_error_code();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr lk_result_name(LkResult result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern void lk_string_free(IntPtr text);
    }

    /// <summary>UTF-8 in and out, by hand: Marshal.PtrToStringUTF8 is missing from .NET Framework 4.x.</summary>
    public static class Utf8
    {
        /// <summary>NUL-terminated UTF-8 for a `const char *` argument; null stays NULL.</summary>
        public static byte[] Encode(string text, string argument)
        {
            if (text == null)
            {
                return null;
            }
            if (text.IndexOf('\0') >= 0)
            {
                throw new ArgumentException("a C string cannot hold a NUL character", argument);
            }
            var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
            Encoding.UTF8.GetBytes(text, 0, text.Length, bytes, 0);
            return bytes;
        }

        /// <summary>The UTF-8 C string at `text`; null for NULL.</summary>
        public static string Decode(IntPtr text)
        {
            if (text == IntPtr.Zero)
            {
                return null;
            }
            int length = 0;
            while (Marshal.ReadByte(text, length) != 0)
            {
                length++;
            }
            var bytes = new byte[length];
            Marshal.Copy(text, bytes, 0, length);
            return Encoding.UTF8.GetString(bytes);
        }
    }

    /// <summary>A failed call: the library's result, the agent's stable code (null when the failure
    /// was local, such as NoAgent) and its sentence for people as Message.</summary>
    public sealed class LatchkeyException : Exception
    {
        public LkResult Result { get; private set; }

        /// <summary>"app_not_allowed", "not_signed_in", ...; null when the agent did not answer.</summary>
        public string Code { get; private set; }

        /// <summary>"LK_ERR_APP_NOT_ALLOWED", ...</summary>
        public string ResultName { get; private set; }

        /// <summary>The C function that failed.</summary>
        public string Function { get; private set; }

        public LatchkeyException(string function, LkResult result, string code, string message, string resultName)
            : base(string.IsNullOrEmpty(message) ? (resultName ?? result.ToString()) : message)
        {
            Function = function;
            Result = result;
            Code = code;
            ResultName = resultName ?? result.ToString();
        }

        /// <summary>Throws for anything but Ok. Call it right after the failed call, on the same
        /// thread: the library keeps the last error per thread, until that thread's next call.</summary>
        internal static void Check(LkResult result, string function)
        {
            if (result == LkResult.Ok)
            {
                return;
            }
            string message = Utf8.Decode(Native.lk_last_error_message());
            string code = Utf8.Decode(Native.lk_last_error_code());
            string name = Utf8.Decode(Native.lk_result_name(result));
            throw new LatchkeyException(function, result, code, message, name);
        }
    }

    /// <summary>The session: who is signed in, in which state.</summary>
    public sealed class LatchkeyStatus
    {
        public LkState State { get; private set; }
        public string Email { get; private set; }
        public string FirstName { get; private set; }
        public string LastName { get; private set; }
        public string OrgName { get; private set; }
        /// <summary>RFC 3339, or null.</summary>
        public string OfflineUntil { get; private set; }

        /// <summary>A token and entitlements can be asked for (Offline: entitlements only, from the cache).</summary>
        public bool HasSession
        {
            get { return State == LkState.SignedIn || State == LkState.Offline; }
        }

        internal static LatchkeyStatus Read(IntPtr pointer)
        {
            var raw = (LkStatus)Marshal.PtrToStructure(pointer, typeof(LkStatus));
            return new LatchkeyStatus
            {
                State = raw.State,
                Email = Utf8.Decode(raw.Email),
                FirstName = Utf8.Decode(raw.FirstName),
                LastName = Utf8.Decode(raw.LastName),
                OrgName = Utf8.Decode(raw.OrgName),
                OfflineUntil = Utf8.Decode(raw.OfflineUntil),
            };
        }

        public override string ToString()
        {
            return State + (Email != null ? " " + Email : "");
        }
    }

    /// <summary>An access token. ToString() never shows the token itself; Value does.</summary>
    public sealed class LatchkeyToken
    {
        private readonly string value;

        internal LatchkeyToken(string value, string expiresAt, long expiresAtUnix)
        {
            this.value = value;
            ExpiresAtText = expiresAt;
            ExpiresAt = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(expiresAtUnix);
        }

        /// <summary>The bearer token. A secret: the library wipes its own copy, but a .NET string
        /// cannot be wiped, so do not keep it longer than the request it authorizes.</summary>
        public string Value
        {
            get { return value; }
        }

        public DateTimeOffset ExpiresAt { get; private set; }

        /// <summary>ExpiresAt as the agent wrote it (RFC 3339).</summary>
        public string ExpiresAtText { get; private set; }

        public override string ToString()
        {
            return "LatchkeyToken(expires " + ExpiresAtText + ", value hidden)";
        }
    }

    /// <summary>A product the user may use.</summary>
    public sealed class LatchkeyEntitlement
    {
        public string Product { get; internal set; }
        /// <summary>Display name, or null.</summary>
        public string Name { get; internal set; }
        public IList<string> Features { get; internal set; }
        /// <summary>RFC 3339, or null when the subscription does not expire.</summary>
        public string ExpiresAt { get; internal set; }

        public override string ToString()
        {
            return Product;
        }
    }

    /// <summary>The user's entitlements, with how long they hold offline.</summary>
    public sealed class LatchkeyEntitlements
    {
        public IList<LatchkeyEntitlement> Items { get; private set; }
        /// <summary>RFC 3339.</summary>
        public string OfflineUntil { get; private set; }
        /// <summary>Served offline from the agent's signed cache.</summary>
        public bool FromCache { get; private set; }

        internal static LatchkeyEntitlements Read(IntPtr pointer)
        {
            var raw = (LkEntitlements)Marshal.PtrToStructure(pointer, typeof(LkEntitlements));
            int size = Marshal.SizeOf(typeof(LkEntitlement));
            ulong count = raw.Count.ToUInt64();
            var items = new List<LatchkeyEntitlement>();
            for (ulong i = 0; i < count; i++)
            {
                var item = (LkEntitlement)Marshal.PtrToStructure(new IntPtr(raw.Items.ToInt64() + (long)i * size), typeof(LkEntitlement));
                var features = new List<string>();
                ulong featureCount = item.FeatureCount.ToUInt64();
                for (ulong f = 0; f < featureCount; f++)
                {
                    features.Add(Utf8.Decode(Marshal.ReadIntPtr(item.Features, (int)f * IntPtr.Size)));
                }
                items.Add(new LatchkeyEntitlement
                {
                    Product = Utf8.Decode(item.Product),
                    Name = Utf8.Decode(item.Name),
                    Features = features.AsReadOnly(),
                    ExpiresAt = Utf8.Decode(item.ExpiresAt),
                });
            }
            return new LatchkeyEntitlements
            {
                Items = items.AsReadOnly(),
                OfflineUntil = Utf8.Decode(raw.OfflineUntil),
                FromCache = raw.FromCache != 0,
            };
        }
    }

    /// <summary>A subscription to the session's changes; Dispose() stops it: once it returns, the
    /// handler is never called again. Dispose() waits for a call of the handler under way, so the
    /// handler must not wait for the thread that disposes (Control.BeginInvoke, not Invoke). The
    /// handler may dispose its own subscription.</summary>
    public sealed class LatchkeySubscription : IDisposable
    {
        private readonly object gate = new object();
        private IntPtr subscription;
        // Referenced for as long as this object lives, also after Free: the library's thread may be
        // returning through it (Dispose from within the handler) when Free runs.
        private readonly LkStatusCallback callback;
        private LkClientHandle client; // the client outlives its subscription
        private bool clientReferenced;

        internal LatchkeySubscription(LkClientHandle client, Action<LatchkeyStatus> handler)
        {
            this.client = client;
            callback = delegate (IntPtr status, IntPtr userData)
            {
                try
                {
                    handler(LatchkeyStatus.Read(status));
                }
                catch (Exception error)
                {
                    // An exception must not unwind into the library's thread.
                    Console.Error.WriteLine("Latchkey subscription handler failed: " + error);
                }
            };
            client.DangerousAddRef(ref clientReferenced);
            IntPtr created;
            LkResult result = Native.lk_subscribe(client, callback, IntPtr.Zero, out created);
            if (result != LkResult.Ok)
            {
                client.DangerousRelease();
                clientReferenced = false;
                GC.SuppressFinalize(this);
                LatchkeyException.Check(result, "lk_subscribe");
            }
            subscription = created;
        }

        ~LatchkeySubscription()
        {
            Free();
        }

        public void Dispose()
        {
            Free();
            GC.SuppressFinalize(this);
        }

        private void Free()
        {
            lock (gate)
            {
                if (subscription != IntPtr.Zero)
                {
                    Native.lk_subscription_free(subscription);
                    subscription = IntPtr.Zero;
                }
                GC.KeepAlive(callback);
                if (clientReferenced)
                {
                    client.DangerousRelease();
                    clientReferenced = false;
                }
                client = null;
            }
        }
    }

    /// <summary>A connection to the user's Latchkey agent. Thread-safe: share one between threads.</summary>
    public sealed class LatchkeyClient : IDisposable
    {
        private readonly LkClientHandle handle;

        /// <summary>Connects, and checks that the agent answers. appName: shown to the user when
        /// Latchkey asks whether to allow this program; socketPath: null for the usual place.</summary>
        public LatchkeyClient(string appName = null, string socketPath = null)
        {
            IntPtr client;
            LatchkeyException.Check(Native.lk_connect(Utf8.Encode(socketPath, "socketPath"), Utf8.Encode(appName, "appName"), out client), "lk_connect");
            handle = new LkClientHandle(client);
        }

        /// <summary>The library's version.</summary>
        public static string LibraryVersion
        {
            get { return Utf8.Decode(Native.lk_version()); }
        }

        public LatchkeyStatus Status()
        {
            IntPtr status;
            LatchkeyException.Check(Native.lk_status_get(handle, out status), "lk_status_get");
            try
            {
                return LatchkeyStatus.Read(status);
            }
            finally
            {
                Native.lk_status_free(status);
            }
        }

        /// <summary>An access token for `audience` (null: the Latchkey server's own), valid for at
        /// least minValidSeconds (0: the agent's default, 60). The first call may wait until the user
        /// allows this program; AppNotAllowed when they do not.</summary>
        public LatchkeyToken Token(string audience = null, uint minValidSeconds = 0)
        {
            IntPtr token;
            LatchkeyException.Check(Native.lk_token_get(handle, Utf8.Encode(audience, "audience"), minValidSeconds, out token), "lk_token_get");
            try
            {
                var raw = (LkToken)Marshal.PtrToStructure(token, typeof(LkToken));
                return new LatchkeyToken(Utf8.Decode(raw.AccessToken), Utf8.Decode(raw.ExpiresAt), raw.ExpiresAtUnix);
            }
            finally
            {
                Native.lk_token_free(token); // overwrites the library's copy
            }
        }

        public LatchkeyEntitlements Entitlements()
        {
            IntPtr entitlements;
            LatchkeyException.Check(Native.lk_entitlements_get(handle, out entitlements), "lk_entitlements_get");
            try
            {
                return LatchkeyEntitlements.Read(entitlements);
            }
            finally
            {
                Native.lk_entitlements_free(entitlements);
            }
        }

        public bool IsEntitled(string product)
        {
            string reason;
            return IsEntitled(product, out reason);
        }

        /// <summary>reason: null when entitled, else "not_entitled", "offline_grace_expired" or
        /// "subscription_expired".</summary>
        public bool IsEntitled(string product, out string reason)
        {
            if (product == null)
            {
                throw new ArgumentNullException("product");
            }
            bool entitled;
            IntPtr text;
            LatchkeyException.Check(Native.lk_product_check(handle, Utf8.Encode(product, "product"), out entitled, out text), "lk_product_check");
            reason = Utf8.Decode(text);
            Native.lk_string_free(text);
            return entitled;
        }

        /// <summary>Opens Latchkey's sign-in window; waitSeconds 0 returns at once, otherwise waits
        /// until the user is signed in (Timeout when they are not by then).</summary>
        public void SignIn(uint waitSeconds = 0)
        {
            LatchkeyException.Check(Native.lk_sign_in(handle, waitSeconds), "lk_sign_in");
        }

        /// <summary>Calls handler now and at each change of the session, on a library thread (not
        /// the UI thread: marshal to it yourself). Dispose the result to stop.</summary>
        public LatchkeySubscription Subscribe(Action<LatchkeyStatus> handler)
        {
            if (handler == null)
            {
                throw new ArgumentNullException("handler");
            }
            return new LatchkeySubscription(handle, handler);
        }

        public void Dispose()
        {
            handle.Dispose(); // lk_client_free, once calls under way on other threads have returned
        }
    }
}
