using System;
using System.Globalization;
using System.Management.Automation;

namespace PortOne.Arguments
{
    /// <summary>
    /// Lets -Sort take the API's own spellings ('-paid', started, ...) as well as the enum's names
    /// (PaidDescending, ...), any case; PowerShell's enum conversion alone would refuse the API's.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class PaymentSortTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <inheritdoc/>
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value == null) return null;
            // A PaymentSort goes through its name too, so an undefined value such as [PaymentSort]99 is refused.
            string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            if (PaymentSortNames.TryParse(text, out PaymentSort sort)) return sort;
            throw new ArgumentTransformationMetadataException(
                $"'{text}' is not a sort order PortOne knows. Use one of -started, started, -paid, paid, -updated, updated " +
                $"(quote those with a minus, as in -Sort '-paid'), or {string.Join(", ", Enum.GetNames(typeof(PaymentSort)))}.");
        }
    }
}
