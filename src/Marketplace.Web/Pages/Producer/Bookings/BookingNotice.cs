using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Marketplace.Web.Pages.ProducerArea.Bookings;

/// <summary>
/// A message carried across the redirect that follows a booking form's POST (post/redirect/get):
/// a BookingResource key, an optional argument, and whether it reports a problem.
/// </summary>
public sealed record BookingNotice(string Key, string? Argument = null, bool IsProblem = false)
{
    private const string TempDataKey = "BookingNotice";

    public void Store(ITempDataDictionary tempData) =>
        tempData[TempDataKey] = string.Join('\n', Key, IsProblem ? "1" : "0", Argument ?? "");

    public static BookingNotice? Take(ITempDataDictionary tempData)
    {
        if (tempData[TempDataKey] is not string stored)
        {
            return null;
        }
        var parts = stored.Split('\n', 3);
        return parts.Length == 3
            ? new BookingNotice(parts[0], parts[2].Length == 0 ? null : parts[2], parts[1] == "1")
            : null;
    }
}
