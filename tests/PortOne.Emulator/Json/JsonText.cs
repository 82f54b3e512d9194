using System.Text.Encodings.Web;
using System.Text.Json;

namespace PortOne.Emulator.Json;

/// <summary>
/// One encoder for everything: Korean stays as UTF-8 (not \uXXXX), like PortOne's own responses, and texts
/// encoded once up front (<see cref="JsonEncodedText"/>) skip escaping on every page.
/// </summary>
internal static class JsonText
{
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = Encoder,
        Indented = false,
        // The writers below are straight-line code that always produces balanced JSON.
        SkipValidation = true,
    };

    public static JsonEncodedText E(string s) => JsonEncodedText.Encode(s, Encoder);
}
