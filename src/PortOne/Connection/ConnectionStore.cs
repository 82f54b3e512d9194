using System;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace PortOne.Connection
{
    /// <summary>
    /// The connection of each runspace: two runspaces (ForEach-Object -Parallel, jobs) never share or overwrite
    /// each other's connection, and a runspace's connection goes when the runspace does. A connection replaced or
    /// removed is retired: its client is disposed once no command of the runspace uses it.
    /// </summary>
    internal static class ConnectionStore
    {
        public const string KeyVariable = "PORTONE_IMP_KEY";
        public const string SecretVariable = "PORTONE_IMP_SECRET";
        public const string BaseUriVariable = "PORTONE_API_BASE_URI";
        public const string TierVariable = "PORTONE_TIER";
        public const string ProxyVariable = "PORTONE_PROXY";

        private static readonly ConditionalWeakTable<Runspace, PortOneConnection> Connections =
            new ConditionalWeakTable<Runspace, PortOneConnection>();

        public static PortOneConnection? Current
        {
            get
            {
                Runspace? runspace = Runspace.DefaultRunspace;
                return runspace != null && Connections.TryGetValue(runspace, out PortOneConnection? connection) ? connection : null;
            }
        }

        public static void Set(PortOneConnection connection)
        {
            Runspace runspace = Runspace.DefaultRunspace ?? throw new InvalidOperationException("No runspace on this thread.");
            Remove();
            Connections.Add(runspace, connection);
        }

        /// <summary>Drops this runspace's connection, if it has one, and retires it.</summary>
        public static bool Remove()
        {
            Runspace? runspace = Runspace.DefaultRunspace;
            if (runspace == null || !Connections.TryGetValue(runspace, out PortOneConnection? connection)) return false;
            Connections.Remove(runspace);
            connection.Retire();
            return true;
        }

        /// <summary>
        /// Options from PORTONE_* variables for unattended jobs; null when the key or secret is missing. The fingerprint
        /// is that of the values read, for <see cref="EnvironmentFingerprint"/> to tell later whether they changed.
        /// </summary>
        public static PortOneClientOptions? OptionsFromEnvironment(out string fingerprint)
        {
            string?[] values = ReadVariables();
            fingerprint = Fingerprint(values);
            string? key = values[0], secret = values[1], baseUri = values[2], tier = values[3];
            if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret)) return null;
            var options = new PortOneClientOptions(new NetworkCredential(key, secret));
            if (!string.IsNullOrEmpty(baseUri))
            {
                if (!Uri.TryCreate(baseUri, UriKind.Absolute, out Uri? parsed))
                {
                    throw new PortOneException(PortOneErrorKind.InsecureBaseUri,
                        $"{BaseUriVariable} holds '{baseUri}', which is not an absolute URI.");
                }
                options.BaseUri = parsed;
            }
            if (!string.IsNullOrEmpty(tier)) options.Tier = tier;
            options.Proxy = ProxyFromEnvironment();
            return options;
        }

        /// <summary>PORTONE_PROXY as a URI (credentials in it, http://user:password@host:port, are the proxy's); null when unset.</summary>
        public static Uri? ProxyFromEnvironment()
        {
            string? proxy = Environment.GetEnvironmentVariable(ProxyVariable);
            if (string.IsNullOrEmpty(proxy)) return null;
            if (!Uri.TryCreate(proxy, UriKind.Absolute, out Uri? parsed))
            {
                // Not echoed: a malformed value may still hold a password.
                throw new PortOneException(PortOneErrorKind.InvalidProxy, $"{ProxyVariable} does not hold an absolute URI.");
            }
            return parsed;
        }

        /// <summary>Changes whenever any PORTONE_* variable does. A hash, so the connection keeps no second copy of the secret.</summary>
        public static string EnvironmentFingerprint() => Fingerprint(ReadVariables());

        private static string?[] ReadVariables() => new[]
        {
            Environment.GetEnvironmentVariable(KeyVariable),
            Environment.GetEnvironmentVariable(SecretVariable),
            Environment.GetEnvironmentVariable(BaseUriVariable),
            Environment.GetEnvironmentVariable(TierVariable),
            Environment.GetEnvironmentVariable(ProxyVariable),
        };

        private static string Fingerprint(string?[] values)
        {
            // NUL cannot occur in an environment variable, so it separates the values unambiguously.
            byte[] text = Encoding.UTF8.GetBytes(string.Join("\0", values.Select(v => v ?? "")));
            using (SHA256 sha = SHA256.Create()) return Convert.ToBase64String(sha.ComputeHash(text));
        }
    }
}
