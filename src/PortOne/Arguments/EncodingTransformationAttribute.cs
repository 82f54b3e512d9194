using System;
using System.Globalization;
using System.Management.Automation;
using System.Text;

namespace PortOne.Arguments
{
    /// <summary>
    /// Lets -Encoding take what Export-Csv's -Encoding takes in PowerShell 7: utf8BOM, utf8NoBOM (and utf8, which is
    /// without a byte order mark there), unicode, bigendianunicode, utf32, ascii, ansi, a code page number (949 is
    /// the Korean ANSI page, CP949) or name, or an Encoding object.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class EncodingTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <summary>The names tab completion offers, in the order it offers them.</summary>
        internal static readonly string[] Names = { "utf8BOM", "utf8NoBOM", "utf8", "unicode", "bigendianunicode", "utf32", "ascii", "ansi" };

        /// <inheritdoc/>
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value == null || value is Encoding) return value;
            if (value is int codePage) return ByCodePage(codePage, value);
            string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            switch (text.Trim().ToUpperInvariant())
            {
                case "UTF8BOM": return new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
                case "UTF8":
                case "UTF8NOBOM": return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
                case "UNICODE": return new UnicodeEncoding(bigEndian: false, byteOrderMark: true);
                case "BIGENDIANUNICODE": return new UnicodeEncoding(bigEndian: true, byteOrderMark: true);
                case "UTF32": return new UTF32Encoding(bigEndian: false, byteOrderMark: true);
                case "ASCII": return new ASCIIEncoding();
                case "ANSI": return ByCodePage(CultureInfo.CurrentCulture.TextInfo.ANSICodePage, text);
            }
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int number)) return ByCodePage(number, text);
            try
            {
                return Encoding.GetEncoding(text);
            }
            catch (ArgumentException)
            {
                throw Unknown(text);
            }
        }

        private static Encoding ByCodePage(int codePage, object given)
        {
            try
            {
                return Encoding.GetEncoding(codePage);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException)
            {
                throw Unknown(Convert.ToString(given, CultureInfo.InvariantCulture) ?? "");
            }
        }

        private static ArgumentTransformationMetadataException Unknown(string text) =>
            new ArgumentTransformationMetadataException(
                $"'{text}' is not an encoding this system knows. Use one of {string.Join(", ", Names)}, a code page number such as 949, " +
                "or an encoding name such as euc-kr.");
    }
}
