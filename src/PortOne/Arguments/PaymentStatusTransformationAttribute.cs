using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace PortOne.Arguments
{
    /// <summary>
    /// Catches payment ids given where -Status is expected (-Status is the first positional parameter, so
    /// `Get-PortOnePayment imp_448280090638` lands there) and says to give them to -ImpUid. Every other value goes on,
    /// unchanged, to PowerShell's own conversion. A positional -ImpUid cannot do this: a string parameter at the same
    /// position takes 'paid' too.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class PaymentStatusTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <inheritdoc/>
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            string[] texts = Texts(inputData);
            if (texts.Length > 0 && texts.Any(IsImpUid))
            {
                throw new ArgumentTransformationMetadataException(
                    $"'{string.Join(", ", texts)}' is a payment id (imp_uid), not a status. To look the payment up, give it to -ImpUid: " +
                    $"-ImpUid {string.Join(", ", texts)}. -Status takes {string.Join(", ", Enum.GetNames(typeof(PaymentStatus)))}.");
            }
            return inputData;
        }

        /// <summary>The value as strings: one string, or an array of nothing but strings; else none.</summary>
        private static string[] Texts(object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string text) return new[] { text };
            if (!(value is IList list)) return Array.Empty<string>();
            var texts = new List<string>();
            foreach (object? item in list)
            {
                if (!((item is PSObject w ? w.BaseObject : item) is string itemText)) return Array.Empty<string>();
                texts.Add(itemText);
            }
            return texts.ToArray();
        }

        // PortOne's V1 payment ids are imp_ and twelve digits; any imp_ prefix is clearly not a status.
        private static bool IsImpUid(string text) => text.Trim().Length > 4 && text.Trim().StartsWith("imp_", StringComparison.OrdinalIgnoreCase);
    }
}
