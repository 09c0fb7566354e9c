using System.Buffers.Text;
using System.Security.Cryptography;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.ProducerArea.Calendar;

/// <summary>
/// The secret in a producer's private calendar feed URL: 32 random bytes, base64url. A calendar
/// app cannot sign in, so whoever knows the URL sees the bookings; replacing the token revokes it.
/// </summary>
public static class CalendarToken
{
    public const string RoutePrefix = "/feeds/producer/";

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The producer's token, created on first use; two first views at once agree on one.</summary>
    public static async Task<string> EnsureAsync(MarketplaceDbContext db, int producerId, CancellationToken cancellationToken)
    {
        if (await CurrentAsync(db, producerId, cancellationToken) is { } token)
        {
            return token;
        }
        var candidate = New();
        await db.Producers
            .Where(p => p.Id == producerId && p.CalendarToken == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.CalendarToken, candidate), cancellationToken);
        return await CurrentAsync(db, producerId, cancellationToken) ?? candidate;
    }

    /// <summary>Replaces the token: the old URL answers 404 from now on.</summary>
    public static async Task<string> ReplaceAsync(MarketplaceDbContext db, int producerId, CancellationToken cancellationToken)
    {
        var token = New();
        await db.Producers
            .Where(p => p.Id == producerId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.CalendarToken, token), cancellationToken);
        return token;
    }

    public static string Url(HttpRequest request, string token) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{RoutePrefix}{token}.ics";

    /// <summary>The same feed for apps that subscribe on a webcal: link.</summary>
    public static string WebcalUrl(HttpRequest request, string token) =>
        $"webcal://{request.Host}{request.PathBase}{RoutePrefix}{token}.ics";

    private static Task<string?> CurrentAsync(MarketplaceDbContext db, int producerId, CancellationToken cancellationToken) =>
        db.Producers.AsNoTracking()
            .Where(p => p.Id == producerId)
            .Select(p => p.CalendarToken)
            .SingleOrDefaultAsync(cancellationToken);
}

/// <summary>The two addresses of one feed, as the dashboard and the calendar page show them.</summary>
public sealed record FeedLinks(string FeedUrl, string WebcalUrl)
{
    public static FeedLinks For(HttpRequest request, string token) =>
        new(CalendarToken.Url(request, token), CalendarToken.WebcalUrl(request, token));
}
