using System.Collections.Generic;
using System.Reflection;
using PortOne.Json;

namespace PortOne.Export
{
    /// <summary>How a field's JSON value becomes its CSV column(s); the lenient reading rules are <see cref="JsonTokens"/>'.</summary>
    internal enum CsvValue
    {
        /// <summary>A string as itself, any other value as its JSON; null is an empty field.</summary>
        Text,
        /// <summary>A decimal in the invariant culture; null or missing is 0.</summary>
        Money,
        /// <summary>true or false; null or missing is false.</summary>
        Flag,
        /// <summary>true or false; null or missing is an empty field.</summary>
        OptionalFlag,
        /// <summary>A whole number; null, missing or beyond an int is an empty field.</summary>
        Integer,
        /// <summary>Unix seconds as ISO 8601 with the offset; 0, null or missing is an empty field.</summary>
        Time,
        /// <summary>Count, amount and latest time of the cancellations.</summary>
        CancelHistory,
        /// <summary>Count, amount and latest time of the deposits.</summary>
        DepositHistory,
        /// <summary>Id and discount.</summary>
        Promotion,
        /// <summary>The texts separated by spaces.</summary>
        TextList,
    }

    /// <summary>One field of a payment's JSON and the CSV columns it fills.</summary>
    internal sealed class CsvField
    {
        public CsvField(PropertyInfo property, string jsonName, CsvValue value, IReadOnlyList<string> columns)
        {
            Property = property;
            JsonName = jsonName;
            Value = value;
            Columns = columns;
        }

        /// <summary>The PaymentAnnotation property the field is read into where the payment keeps it.</summary>
        public PropertyInfo Property { get; }

        public string JsonName { get; }

        public CsvValue Value { get; }

        /// <summary>The column names, in order.</summary>
        public IReadOnlyList<string> Columns { get; }

        /// <summary>The index of the first column.</summary>
        public int Column { get; set; }
    }
}
