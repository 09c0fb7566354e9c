using System.Globalization;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Mail;
using Marketplace.Domain.Subscriptions;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Infrastructure.Subscriptions;

/// <summary>
/// The mails of residents' alerts, in each subscriber's language, every one with its manage
/// link and a one-click unsubscribe (List-Unsubscribe, RFC 8058). Messages are only added to
/// the caller's DbContext: the caller saves them with the change that caused them.
/// </summary>
public sealed class SubscriberAlerts(MarketplaceDbContext db, Outbox outbox, MailComposer composer,
    SubscriptionTokens tokens, IOptions<MailOptions> mail, TimeProvider clock)
{
    public const string ConfirmKind = "subscription-confirm";
    public const string DigestKind = "subscription-digest";
    public const string ChangeKind = "subscription-change";
    /// <summary>A digest lists at most this many fair days; the manage page links to the full search.</summary>
    public const int DigestLimit = 20;

    /// <summary>The double opt-in mail: the only one an unconfirmed subscription ever gets.</summary>
    public async Task<OutboxMessage> QueueConfirmationAsync(Subscription subscription, string token,
        CancellationToken cancellationToken)
    {
        var (brand, place) = await DescribeAsync(subscription, cancellationToken);
        var message = outbox.Enqueue(subscription.Email, null, subscription.Culture, ConfirmKind, "SubscriptionConfirm",
            brand, outbox.Link($"/Subscribe/Confirm?token={token}"), place);
        message.ListUnsubscribe = ListUnsubscribe(token);
        return message;
    }

    /// <summary>The weekly digest of the coming days that match; null when none does (no empty mail).</summary>
    public async Task<OutboxMessage?> QueueDigestAsync(Subscription subscription, IEnumerable<FairDayFacts> coming,
        CancellationToken cancellationToken)
    {
        if (!subscription.IsConfirmed)
        {
            return null;
        }
        var days = coming.Where(d => d.Status == FairDayStatus.Scheduled && d.Matches(subscription))
            .Take(DigestLimit).ToList();
        if (days.Count == 0)
        {
            return null;
        }
        var token = tokens.Reveal(subscription.TokenCipher);
        var culture = CultureInfo.GetCultureInfo(subscription.Culture);
        var (brand, place) = await DescribeAsync(subscription, cancellationToken);
        var lines = string.Join("\n", days.Select(d => composer.Text("SubscriptionDigest.Line", subscription.Culture,
            d.Date.ToString("ddd d MMM", culture), d.StartTime.ToString("t", culture), d.EndTime.ToString("t", culture),
            d.Series, d.Venue, d.Municipality, outbox.Link($"/Fairs/{d.Id}"))));
        var message = outbox.Enqueue(subscription.Email, null, subscription.Culture, DigestKind, "SubscriptionDigest",
            brand, ManageLink(token), place, lines, UnsubscribeLink(token));
        message.ListUnsubscribe = ListUnsubscribe(token);
        return message;
    }

    /// <summary>
    /// Tells every confirmed subscriber whose place and products match that a fair day was
    /// cancelled (or skipped) or moved. Call it after changing <paramref name="day"/> and before
    /// saving, in the same transaction: the messages are added to this DbContext, not saved.
    /// A moved day's subscribers of its former venue are told too (<paramref name="previousVenueId"/>).
    /// </summary>
    /// <returns>How many messages were queued.</returns>
    public async Task<int> FairDayChangedAsync(FairDay day, int? previousVenueId = null,
        CancellationToken cancellationToken = default)
    {
        if (day.EndsAtUtc < clock.GetUtcNow().UtcDateTime)
        {
            return 0;
        }
        var stored = (await FairDayFacts.LoadAsync(db, db.FairDays.Where(d => d.Id == day.Id), cancellationToken)).SingleOrDefault();
        var series = await db.FairSeries.AsNoTracking().Where(s => s.Id == day.FairSeriesId).Select(s => s.Name)
            .SingleAsync(cancellationToken);
        var venues = await VenueFactsAsync([day.VenueId, .. previousVenueId is { } v ? new[] { v } : []], cancellationToken);
        var venue = venues[day.VenueId];
        var facts = new FairDayFacts(day.Id, day.Date, day.StartTime, day.EndTime, day.Status, day.StatusReason,
            day.StartsAtUtc, series, venue.Name, venue.Municipality, venue.MunicipalityId, venue.CorridorId,
            venue.Latitude, venue.Longitude, venue.Region, stored?.ProductCategoryIds ?? new HashSet<int>());
        var before = previousVenueId is { } old && venues.TryGetValue(old, out var was)
            ? facts with { MunicipalityId = was.MunicipalityId, CorridorId = was.CorridorId, Latitude = was.Latitude, Longitude = was.Longitude }
            : null;

        // Narrowed in the database to the places that can match; the rules then decide.
        var municipalities = new[] { facts.MunicipalityId, before?.MunicipalityId }.OfType<int>().ToList();
        var corridors = new[] { facts.CorridorId, before?.CorridorId }.OfType<int>().ToList();
        var subscribers = await db.Subscriptions.AsNoTracking().Include(s => s.Products)
            .Where(s => s.ConfirmedAtUtc != null && (s.Latitude != null
                || (s.MunicipalityId != null && municipalities.Contains(s.MunicipalityId.Value))
                || (s.CorridorId != null && corridors.Contains(s.CorridorId.Value))))
            .ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var subscription in subscribers.Where(s => facts.Matches(s) || before?.Matches(s) == true))
        {
            QueueChange(subscription, facts);
            queued++;
        }
        return queued;
    }

    private void QueueChange(Subscription subscription, FairDayFacts day)
    {
        var token = tokens.Reveal(subscription.TokenCipher);
        var culture = CultureInfo.GetCultureInfo(subscription.Culture);
        var date = day.Date.ToString("D", culture);
        var link = outbox.Link($"/Fairs/{day.Id}");
        var message = day.Status == FairDayStatus.Scheduled
            ? outbox.Enqueue(subscription.Email, null, subscription.Culture, ChangeKind, "SubscriptionFairMoved",
                day.RegionName, ManageLink(token), day.Series, date, day.StartTime.ToString("t", culture),
                day.EndTime.ToString("t", culture), $"{day.Venue}, {day.Municipality}", link, UnsubscribeLink(token))
            : outbox.Enqueue(subscription.Email, null, subscription.Culture, ChangeKind, "SubscriptionFairCancelled",
                day.RegionName, ManageLink(token), day.Series, date, $"{day.Venue}, {day.Municipality}",
                day.StatusReason ?? "—", link, UnsubscribeLink(token));
        message.ListUnsubscribe = ListUnsubscribe(token);
    }

    private string ManageLink(string token) => outbox.Link($"/Subscribe/Manage?token={token}");

    private string UnsubscribeLink(string token) => outbox.Link($"/Subscribe/Unsubscribe?token={token}");

    private string ListUnsubscribe(string token)
    {
        var header = $"<{UnsubscribeLink(token)}>";
        return string.IsNullOrWhiteSpace(mail.Value.UnsubscribeAddress)
            ? header
            : $"{header}, <mailto:{mail.Value.UnsubscribeAddress}?subject=unsubscribe%20{token}>";
    }

    private sealed record VenueFacts(string Name, string Municipality, int MunicipalityId, int? CorridorId,
        double Latitude, double Longitude, string Region);

    private async Task<Dictionary<int, VenueFacts>> VenueFactsAsync(int[] ids, CancellationToken cancellationToken) =>
        await db.Venues.AsNoTracking().Where(v => ids.Contains(v.Id))
            .Select(v => new
            {
                v.Id,
                Facts = new VenueFacts(v.Name, v.Municipality!.Name, v.MunicipalityId, v.Municipality.CorridorId,
                    v.Latitude, v.Longitude, v.Municipality.Region!.Name),
            })
            .ToDictionaryAsync(v => v.Id, v => v.Facts, cancellationToken);

    /// <summary>The region's name (the mail's brand) and the place in words, in the subscriber's language.</summary>
    public async Task<(string Brand, string Place)> DescribeAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        if (subscription.MunicipalityId is { } municipalityId)
        {
            var m = await db.Municipalities.AsNoTracking().Where(m => m.Id == municipalityId)
                .Select(m => new { m.Name, Region = m.Region!.Name }).SingleAsync(cancellationToken);
            return (m.Region, m.Name);
        }
        if (subscription.CorridorId is { } corridorId)
        {
            var c = await db.Corridors.AsNoTracking().Where(c => c.Id == corridorId)
                .Select(c => new { c.Name, Region = c.Region!.Name }).SingleAsync(cancellationToken);
            return (c.Region, c.Name);
        }
        var lat = subscription.Latitude ?? 0;
        var lon = subscription.Longitude ?? 0;
        var municipalities = await db.Municipalities.AsNoTracking()
            .Select(m => new { m.Latitude, m.Longitude, Region = m.Region!.Name }).ToListAsync(cancellationToken);
        var nearest = municipalities
            .OrderBy(m => Domain.Common.GreatCircle.DistanceKm(lat, lon, m.Latitude, m.Longitude))
            .FirstOrDefault();
        var place = composer.Text("Subscription.Around", subscription.Culture, subscription.RadiusKm ?? 0, lat, lon);
        return (nearest?.Region ?? "Marketplace", place);
    }
}
