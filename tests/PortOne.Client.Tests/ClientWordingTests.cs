using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>
    /// The client says facts and the module gives advice: nothing the client assembly can say (every string literal in
    /// it, messages included) names a cmdlet or a cmdlet's -Parameter, and its public API speaks no PowerShell. A host
    /// that is not PowerShell gets messages it can use; the cmdlets build what to do next (ErrorDetails.RecommendedAction).
    /// </summary>
    public sealed class ClientWordingTests
    {
        // Verb-PortOne..., and -Parameter as a user types it: a dash not inside a word, then a capital ("-From", "-MaxRetries";
        // not "yyyy-MM-dd", "non-ASCII", "-paid").
        private static readonly Regex Cmdlet = new Regex(@"\b[A-Z][a-z]+-PortOne", RegexOptions.CultureInvariant);
        private static readonly Regex Parameter = new Regex(@"(?<![\w-])-[A-Z][a-z][A-Za-z]*", RegexOptions.CultureInvariant);
        private static readonly Regex PowerShellWords = new Regex(@"NonTerminating|non-terminating|ErrorRecord|Cmdlet|PSCredential|\bPowerShell\b",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>Every string literal (ldstr) of PortOne.Client.dll: message texts and the literal parts of interpolated ones.</summary>
        private static List<string> ClientStrings()
        {
            using FileStream file = File.OpenRead(typeof(PortOneClient).Assembly.Location);
            using var pe = new PEReader(file);
            MetadataReader metadata = pe.GetMetadataReader();
            var strings = new List<string>();
            for (UserStringHandle handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = metadata.GetNextHandle(handle))
            {
                strings.Add(metadata.GetUserString(handle));
            }
            return strings;
        }

        [Fact]
        public void The_scan_sees_the_client_messages()
        {
            // Else an empty scan would pass the tests below.
            List<string> strings = ClientStrings();
            Assert.Contains(strings, s => s.Contains("would send the API secret and tokens unencrypted"));
            Assert.Contains(strings, s => s.Contains("does not exist. A run starts a new checkpoint only when told to"));
            Assert.Matches(Parameter, "raise -MaxRetries on");
            Assert.Matches(Parameter, "-From");
            Assert.DoesNotMatch(Parameter, "{0:yyyy-MM-dd HH:mm:ss zzz}");
            Assert.Matches(Cmdlet, "then run Connect-PortOne again");
        }

        [Fact]
        public void No_client_string_names_a_cmdlet_or_a_parameter()
        {
            string[] naming = ClientStrings().Where(s => Cmdlet.IsMatch(s) || Parameter.IsMatch(s)).ToArray();
            Assert.True(naming.Length == 0, "Client strings that name a cmdlet or a -Parameter:\n" + string.Join("\n", naming));
        }

        [Fact]
        public void No_client_string_speaks_PowerShell()
        {
            string[] speaking = ClientStrings().Where(s => PowerShellWords.IsMatch(s)).ToArray();
            Assert.True(speaking.Length == 0, "Client strings in PowerShell's terms:\n" + string.Join("\n", speaking));
        }

        [Fact]
        public void The_public_api_names_nothing_in_PowerShell_terms()
        {
            var names = new List<string>();
            foreach (System.Type type in typeof(PortOneClient).Assembly.GetExportedTypes())
            {
                names.Add(type.FullName!);
                names.AddRange(type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                    .Select(m => type.Name + "." + m.Name));
            }
            string[] speaking = names.Where(n => PowerShellWords.IsMatch(n)).ToArray();
            Assert.True(speaking.Length == 0, "Public names in PowerShell's terms:\n" + string.Join("\n", speaking));
        }

        [Fact]
        public void A_failure_carries_facts_and_no_advice()
        {
            // What to do next depends on the host (a parameter, a variable, a setting): the exception has no place for it.
            Assert.Null(typeof(PortOneException).GetProperty("RecommendedAction"));
        }
    }
}
