using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.ProducerArea.Bookings;

/// <summary>Amounts in a municipality's currency, written the way the visitor's culture writes money.</summary>
public static class Money
{
    public static string Format(decimal amount, string currencyCode, CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = Symbol(currencyCode);
        return amount.ToString("C", format);
    }

    /// <summary>A booking's fee as the producer reads it: the amount, "no fee", or waived (with the usual amount).</summary>
    public static string Fee(IStringLocalizer<BookingResource> text, decimal amount, string currencyCode, bool waived,
        CultureInfo culture) =>
        waived ? text["Fee.Waived", Format(amount, currencyCode, culture)]
        : amount == 0 ? text["Fee.None"]
        : Format(amount, currencyCode, culture);

    /// <summary>The symbol people at the fair know; other currencies show their ISO code.</summary>
    public static string Symbol(string currencyCode) => currencyCode.ToUpperInvariant() switch
    {
        "PEN" => "S/",
        "BRL" => "R$",
        var code => code,
    };
}
