using System;
using System.Globalization;
using System.Text.Json;
using static PortOne.Emulator.Json.JsonText;

namespace PortOne.Emulator.Data;

/// <summary>
/// Buyers. A shop sees the same people again and again, so payments share a pool of customers instead of
/// carrying their own name/e-mail/phone/address strings; the pool is generated from the data seed.
/// </summary>
internal sealed class CustomerPool
{
    public readonly struct Customer(JsonEncodedText name, JsonEncodedText email, JsonEncodedText tel,
        JsonEncodedText addr, JsonEncodedText postcode)
    {
        public JsonEncodedText Name { get; } = name;
        public JsonEncodedText Email { get; } = email;
        public JsonEncodedText Tel { get; } = tel;
        public JsonEncodedText Addr { get; } = addr;
        public JsonEncodedText Postcode { get; } = postcode;
    }

    private readonly Customer[] _customers;

    public int Count => _customers.Length;

    public ref readonly Customer this[int i] => ref _customers[i];

    public CustomerPool(int count, Random rng)
    {
        // Names are interned: 1,500 Korean combinations plus a few Latin names for overseas buyers.
        var korean = new JsonEncodedText[Catalog.Surnames.Length * Catalog.GivenNames.Length];
        for (int s = 0; s < Catalog.Surnames.Length; s++)
            for (int g = 0; g < Catalog.GivenNames.Length; g++)
                korean[s * Catalog.GivenNames.Length + g] = E(Catalog.Surnames[s] + Catalog.GivenNames[g]);
        var latin = Array.ConvertAll(Catalog.LatinNames, E);

        _customers = new Customer[count];
        for (int i = 0; i < count; i++)
        {
            bool overseas = rng.Next(40) == 0;
            JsonEncodedText name = overseas ? latin[rng.Next(latin.Length)] : korean[rng.Next(korean.Length)];
            string email = string.Create(CultureInfo.InvariantCulture,
                $"{Catalog.EmailWords[rng.Next(Catalog.EmailWords.Length)]}{rng.Next(1, 10000)}@{Catalog.EmailDomains[rng.Next(Catalog.EmailDomains.Length)]}");
            string tel = string.Create(CultureInfo.InvariantCulture, $"010-{rng.Next(2000, 10000)}-{rng.Next(0, 10000):D4}");
            var d = Catalog.Districts[rng.Next(Catalog.Districts.Length)];
            string road = d.Roads[rng.Next(d.Roads.Length)];
            string detail = rng.Next(3) switch
            {
                0 => string.Create(CultureInfo.InvariantCulture, $", {rng.Next(2, 25)}층"),
                1 => string.Create(CultureInfo.InvariantCulture, $", {rng.Next(101, 115)}동 {rng.Next(1, 30)}{rng.Next(1, 5):D2}호"),
                _ => "",
            };
            string addr = string.Create(CultureInfo.InvariantCulture, $"{d.Province} {d.City} {road} {rng.Next(1, 600)}{detail}");
            string postcode = (d.PostBase + rng.Next(0, 100)).ToString("D5", CultureInfo.InvariantCulture);
            _customers[i] = new Customer(name, E(email), E(tel), E(addr), E(postcode));
        }
    }
}
