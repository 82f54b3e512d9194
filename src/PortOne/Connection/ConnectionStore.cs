using System;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Runtime.CompilerServices;

namespace PortOne.Connection
{
    /// <summary>
    /// The connection of each runspace: two runspaces (ForEach-Object -Parallel, jobs) never share or overwrite
    /// each other's connection, and a runspace's connection goes when the runspace does.
    /// </summary>
    internal static class ConnectionStore
    {
        public const string KeyVariable = "PORTONE_IMP_KEY";
        public const string SecretVariable = "PORTONE_IMP_SECRET";
        public const string BaseUriVariable = "PORTONE_API_BASE_URI";
        public const string TierVariable = "PORTONE_TIER";

        private static readonly ConditionalWeakTable<Runspace, PortOneConnection> Connections = new ConditionalWeakTable<Runspace, PortOneConnection>();

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
            Connections.Remove(runspace);
            Connections.Add(runspace, connection);
        }

        public static bool Remove()
        {
            Runspace? runspace = Runspace.DefaultRunspace;
            return runspace != null && Connections.Remove(runspace);
        }

        /// <summary>Options from PORTONE_* variables for unattended jobs; null when the key or secret is missing.</summary>
        public static PortOneClientOptions? OptionsFromEnvironment()
        {
            string? key = Environment.GetEnvironmentVariable(KeyVariable);
            string? secret = Environment.GetEnvironmentVariable(SecretVariable);
            if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret)) return null;
            var options = new PortOneClientOptions(new NetworkCredential(key, secret));
            string? baseUri = Environment.GetEnvironmentVariable(BaseUriVariable);
            if (!string.IsNullOrEmpty(baseUri))
            {
                if (!Uri.TryCreate(baseUri, UriKind.Absolute, out Uri? parsed))
                {
                    throw new PortOneException(PortOneErrorKind.InsecureBaseUri,
                        $"{BaseUriVariable} holds '{baseUri}', which is not an absolute URI.",
                        $"Set {BaseUriVariable} to an https URI such as https://api.iamport.kr/, or remove it to use PortOne's API.");
                }
                options.BaseUri = parsed;
            }
            string? tier = Environment.GetEnvironmentVariable(TierVariable);
            if (!string.IsNullOrEmpty(tier)) options.Tier = tier;
            return options;
        }
    }
}
