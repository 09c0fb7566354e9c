using System.Text.RegularExpressions;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Subscriptions;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Residents;

/// <summary>Which fair days a digest lists, who gets one, and the alert when a fair day is cancelled or moved.</summary>
public partial class DigestAndAlertTests(AlertsSite fixture) : IClassFixture<AlertsSite>, IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await fixture.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Infrastructure.MailFactory Site => fixture.Site;

    private Task<int> MunicipalityAsync(string code) =>
        Site.WithDbAsync(db => db.Municipalities.Where(m => m.Code == code).Select(m => m.Id).SingleAsync());

    /// <summary>The fair days linked in the digests queued for an address.</summary>
    private Task<List<List<int>>> DigestsToAsync(string email) => Site.WithDbAsync(async db =>
        (await db.OutboxMessages.Where(m => m.ToAddress == email && m.Kind == SubscriberAlerts.DigestKind)
            .Select(m => m.TextBody).ToListAsync())
        .Select(text => DayLink().Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList())
        .ToList());

    /// <summary>What the digest should hold: scheduled days in the coming two weeks that pass the test.</summary>
    private Task<List<int>> ExpectedAsync(Func<MarketplaceDbContext, IQueryable<FairDay>, IQueryable<FairDay>> where) =>
        Site.WithDbAsync(db =>
        {
            var now = Site.Clock.GetUtcNow().UtcDateTime;
            var until = now + Subscription.DigestHorizon;
            var days = db.FairDays.Where(d => d.Status == FairDayStatus.Scheduled && d.EndsAtUtc >= now && d.StartsAtUtc <= until);
            return where(db, days).OrderBy(d => d.StartsAtUtc).ThenBy(d => d.Id).Select(d => d.Id)
                .Take(SubscriberAlerts.DigestLimit).ToListAsync();
        });

    [Fact]
    public async Task The_digest_lists_the_coming_two_weeks_of_the_place_and_products_only_for_confirmed_subscriptions()
    {
        var huancavelica = await MunicipalityAsync("PE-0901");
        var londrina = await MunicipalityAsync("BR-4113700");
        var corridor = await Site.WithDbAsync(db => db.Municipalities.Where(m => m.Id == huancavelica).Select(m => m.CorridorId!.Value).SingleAsync());
        var (product, _) = await Site.WithDbAsync(async db =>
        {
            var holding = Booking.HoldingStatuses.ToList();
            var now = Site.Clock.GetUtcNow().UtcDateTime;
            var until = now + Subscription.DigestHorizon;
            var pick = await db.ProducerProducts
                .Where(pp => db.Bookings.Any(b => b.ProducerId == pp.ProducerId && holding.Contains(b.Status)
                    && b.FairDay!.Venue!.MunicipalityId == huancavelica && b.FairDay.Status == FairDayStatus.Scheduled
                    && b.FairDay.StartsAtUtc >= now && b.FairDay.StartsAtUtc <= until))
                .Select(pp => pp.ProductCategoryId).FirstAsync();
            return (pick, 0);
        });
        var venue = await Site.WithDbAsync(db => db.Venues.FirstAsync(v => v.MunicipalityId == londrina));

        await fixture.AddSubscriptionAsync("town@example.org", SubscriptionPlace.InMunicipality(huancavelica));
        await fixture.AddSubscriptionAsync("corridor@example.org", SubscriptionPlace.InCorridor(corridor));
        await fixture.AddSubscriptionAsync("point@example.org", SubscriptionPlace.Around(venue.Latitude, venue.Longitude, 5));
        await fixture.AddSubscriptionAsync("product@example.org", SubscriptionPlace.InMunicipality(huancavelica), [product]);
        await fixture.AddSubscriptionAsync("pending@example.org", SubscriptionPlace.InMunicipality(huancavelica), confirmed: false);

        var sent = await fixture.SendDigestsAsync();

        var holdingStatuses = Booking.HoldingStatuses.ToList();
        Assert.Equal(await ExpectedAsync((_, q) => q.Where(d => d.Venue!.MunicipalityId == huancavelica)),
            Assert.Single(await DigestsToAsync("town@example.org")));
        Assert.Equal(await ExpectedAsync((_, q) => q.Where(d => d.Venue!.Municipality!.CorridorId == corridor)),
            Assert.Single(await DigestsToAsync("corridor@example.org")));
        Assert.Equal(await ExpectedAsync((_, q) => q.Where(d => d.VenueId == venue.Id)),
            Assert.Single(await DigestsToAsync("point@example.org")));
        var withProduct = await ExpectedAsync((db, q) => q.Where(d => d.Venue!.MunicipalityId == huancavelica
            && db.Bookings.Any(b => b.FairDayId == d.Id && holdingStatuses.Contains(b.Status)
                && (db.ProducerProducts.Any(pp => pp.ProducerId == b.ProducerId && pp.ProductCategoryId == product)
                    || b.Items.Any(i => i.ProductCategoryId == product)))));
        Assert.NotEmpty(withProduct);
        Assert.Equal(withProduct, Assert.Single(await DigestsToAsync("product@example.org")));
        Assert.Empty(await DigestsToAsync("pending@example.org"));
        Assert.Equal(1, await Site.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == "pending@example.org" || m.ToAddress == "town@example.org")));
        Assert.Equal(4, sent);

        // A week later: the next digest, now looking two weeks ahead of that day.
        Assert.Equal(0, await fixture.SendDigestsAsync());
        Site.Clock.Advance(Subscription.DigestInterval + TimeSpan.FromMinutes(1));
        Assert.Equal(4, await fixture.SendDigestsAsync());
        var second = (await DigestsToAsync("town@example.org"))[1];
        Assert.Equal(await ExpectedAsync((_, q) => q.Where(d => d.Venue!.MunicipalityId == huancavelica)), second);
        // The unconfirmed subscription has passed its window and is gone.
        Assert.False(await Site.WithDbAsync(db => db.Subscriptions.AnyAsync(s => s.Email == "pending@example.org")));
    }

    [Fact]
    public async Task Two_nodes_sweeping_at_once_send_each_digest_once()
    {
        var huancavelica = await MunicipalityAsync("PE-0901");
        var emails = Enumerable.Range(0, 12).Select(i => $"node{i}@example.org").ToList();
        foreach (var email in emails)
        {
            await fixture.AddSubscriptionAsync(email, SubscriptionPlace.InMunicipality(huancavelica));
        }

        var sweeps = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(fixture.SendDigestsAsync)));

        Assert.True(sweeps.Sum() >= emails.Count, $"sent {sweeps.Sum()}");
        foreach (var email in emails)
        {
            Assert.Single(await DigestsToAsync(email));
        }
    }

    [Fact]
    public async Task A_cancelled_fair_day_alerts_its_places_subscribers_at_once_in_their_language()
    {
        // The site's clock may have been moved on by an earlier test: "coming" is by that clock.
        var now = Site.Clock.GetUtcNow().UtcDateTime;
        var day = await Site.WithDbAsync(db => db.FairDays.Include(d => d.Venue)
            .Where(d => d.Status == FairDayStatus.Scheduled && d.StartsAtUtc > now)
            .OrderBy(d => d.StartsAtUtc).Skip(2).FirstAsync());
        var elsewhere = await Site.WithDbAsync(db => db.Municipalities.Where(m => m.Id != day.Venue!.MunicipalityId)
            .Select(m => m.Id).FirstAsync());
        await fixture.AddSubscriptionAsync("here@example.org", SubscriptionPlace.InMunicipality(day.Venue!.MunicipalityId), culture: "en");
        await fixture.AddSubscriptionAsync("there@example.org", SubscriptionPlace.InMunicipality(elsewhere));
        await fixture.AddSubscriptionAsync("unconfirmed-here@example.org", SubscriptionPlace.InMunicipality(day.Venue.MunicipalityId), confirmed: false);

        var queued = await WithAlertsAsync(async (db, alerts) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var tracked = await db.FairDays.SingleAsync(d => d.Id == day.Id);
            tracked.Cancel("Road blocked by a landslide");
            var count = await alerts.FairDayChangedAsync(tracked);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return count;
        });

        Assert.Equal(1, queued);
        var mail = await Site.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == "here@example.org" && m.Kind == SubscriberAlerts.ChangeKind));
        Assert.Contains("is cancelled", mail.Subject);
        Assert.Contains("Road blocked by a landslide", mail.TextBody);
        Assert.Contains($"/Fairs/{day.Id}", mail.TextBody);
        Assert.Contains("/Subscribe/Unsubscribe?token=", mail.ListUnsubscribe);
        Assert.False(await Site.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == "there@example.org" || m.ToAddress == "unconfirmed-here@example.org")));
    }

    [Fact]
    public async Task A_moved_fair_day_alerts_the_subscribers_of_its_old_and_new_place()
    {
        var now = Site.Clock.GetUtcNow().UtcDateTime;
        var day = await Site.WithDbAsync(db => db.FairDays.Include(d => d.FairSeries).Include(d => d.Venue)
            .Where(d => d.Status == FairDayStatus.Scheduled && d.StartsAtUtc > now && d.Venue!.Municipality!.TimeZoneId == "America/Lima")
            .OrderBy(d => d.StartsAtUtc).Skip(5).FirstAsync());
        var target = await Site.WithDbAsync(db => db.Venues.Include(v => v.Municipality)
            .FirstAsync(v => v.MunicipalityId != day.Venue!.MunicipalityId && v.Municipality!.TimeZoneId == "America/Lima"));
        await fixture.AddSubscriptionAsync("old-place@example.org", SubscriptionPlace.InMunicipality(day.Venue!.MunicipalityId));
        await fixture.AddSubscriptionAsync("new-place@example.org", SubscriptionPlace.InMunicipality(target.MunicipalityId), culture: "pt-BR");

        var queued = await WithAlertsAsync(async (db, alerts) =>
        {
            var tracked = await db.FairDays.Include(d => d.FairSeries).SingleAsync(d => d.Id == day.Id);
            var previousVenue = tracked.VenueId;
            tracked.Move(tracked.FairSeries!, tracked.Date.AddDays(1), target.Id, new TimeOnly(9, 0), new TimeOnly(13, 0),
                target.Municipality!.Clock());
            var count = await alerts.FairDayChangedAsync(tracked, previousVenue);
            await db.SaveChangesAsync();
            return count;
        });

        Assert.Equal(2, queued);
        var moved = await Site.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == "new-place@example.org"));
        Assert.Contains("mudou", moved.Subject);
        Assert.Contains(target.Name, moved.TextBody);
        Assert.Contains("09:00", moved.TextBody);
        Assert.True(await Site.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == "old-place@example.org" && m.Kind == SubscriberAlerts.ChangeKind)));
    }

    private async Task<T> WithAlertsAsync<T>(Func<MarketplaceDbContext, SubscriberAlerts, Task<T>> action)
    {
        await using var scope = Site.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>(),
            scope.ServiceProvider.GetRequiredService<SubscriberAlerts>());
    }

    [GeneratedRegex(@"/Fairs/(\d+)")]
    private static partial Regex DayLink();
}
