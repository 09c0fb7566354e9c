using System.Globalization;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Domain.Venues;
using Marketplace.Infrastructure.Bookings;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Identity;
using Marketplace.Infrastructure.Jobs;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Marketplace.Web.Tests.Bookings;

/// <summary>How a test's own series and fair day are shaped.</summary>
public sealed record SceneOptions
{
    public int Stalls { get; init; } = 3;
    public AllocationMode Allocation { get; init; } = AllocationMode.FirstCome;
    public TimeSpan StartsIn { get; init; } = TimeSpan.FromDays(5);
    /// <summary>When the window opens, relative to now (negative: already open).</summary>
    public TimeSpan OpensIn { get; init; } = TimeSpan.FromDays(-1);
    /// <summary>When the window closes, relative to now; default 12 hours before the start.</summary>
    public TimeSpan? ClosesIn { get; init; }
    public int WomenQuotaPercent { get; init; }
    public int LocalQuotaPercent { get; init; }
    public bool RequiresApproval { get; init; }
    public int OfferHoldHours { get; init; } = 24;
    public int CancellationDeadlineHours { get; init; } = 24;
    public decimal ProduceFee { get; init; }
    public FairDayStatus Status { get; init; } = FairDayStatus.Scheduled;
    /// <summary>How many fair days the series gets, one week apart.</summary>
    public int Days { get; init; } = 1;
}

/// <summary>A test's own venue, series, fair days and stalls, arranged through the DbContext.</summary>
public sealed record BookingScene(int SeriesId, string SeriesName, int OrganizerMunicipalityId, int OtherMunicipalityId,
    IReadOnlyList<int> DayIds, IReadOnlyList<int> StallIds)
{
    public int DayId => DayIds[0];

    public static Task<BookingScene> CreateAsync(MarketplaceFactory site, TimeProvider clock, SceneOptions? options = null)
    {
        var o = options ?? new SceneOptions();
        return site.WithDbAsync(async db =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var organizer = await db.Municipalities.SingleAsync(m => m.Code == "PE-0901");
            var other = await db.Municipalities.SingleAsync(m => m.Code == "PE-0902");
            var tag = Guid.NewGuid().ToString("N")[..8];
            var venue = new Venue
            {
                MunicipalityId = organizer.Id,
                Name = $"Plaza de prueba {tag}",
                Stalls = Enumerable.Range(1, o.Stalls)
                    .Select(i => new Stall { Code = $"P-{i:00}", Kind = StallKind.Produce })
                    .ToList(),
            };
            db.Venues.Add(venue);
            await db.SaveChangesAsync();

            var clockOfVenue = organizer.Clock();
            var starts = Enumerable.Range(0, o.Days).Select(i => now + o.StartsIn + TimeSpan.FromDays(7 * i)).ToList();
            var dates = starts.Select(s => DateOnly.FromDateTime(clockOfVenue.ToLocal(s))).ToList();
            var series = new FairSeries
            {
                OrganizerMunicipalityId = organizer.Id,
                Name = $"Feria de prueba {tag}",
                // Explicit dates only, equal to the days made here: materialization adds nothing.
                ExplicitDates = string.Join(",", dates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
                StartsOn = dates[0],
                EndsOn = dates[^1],
                StartTime = TimeOnly.FromDateTime(clockOfVenue.ToLocal(starts[0])),
                EndTime = TimeOnly.FromDateTime(clockOfVenue.ToLocal(starts[0]).AddHours(1)),
                Allocation = o.Allocation,
                WomenQuotaPercent = o.WomenQuotaPercent,
                LocalQuotaPercent = o.LocalQuotaPercent,
                RequiresApproval = o.RequiresApproval,
                OfferHoldHours = o.OfferHoldHours,
                CancellationDeadlineHours = o.CancellationDeadlineHours,
                Route = [new FairSeriesStop { Position = 0, VenueId = venue.Id }],
                Fees = o.ProduceFee > 0 ? [new SeriesFee { StallKind = StallKind.Produce, Amount = o.ProduceFee }] : [],
            };
            db.FairSeries.Add(series);
            await db.SaveChangesAsync();

            var days = starts.Select((start, i) => new FairDay
            {
                FairSeriesId = series.Id,
                OccurrenceDate = dates[i],
                Date = dates[i],
                StartTime = series.StartTime,
                EndTime = series.EndTime,
                VenueId = venue.Id,
                Status = o.Status,
                StartsAtUtc = start,
                EndsAtUtc = start.AddHours(1),
                BookingOpensAtUtc = now + o.OpensIn,
                BookingClosesAtUtc = i == 0 && o.ClosesIn is { } closes ? now + closes : start.AddHours(-12),
            }).ToList();
            db.FairDays.AddRange(days);
            await db.SaveChangesAsync();
            return new BookingScene(series.Id, series.Name, organizer.Id, other.Id, days.Select(d => d.Id).ToList(),
                venue.Stalls.OrderBy(s => s.Code).Select(s => s.Id).ToList());
        });
    }

    /// <summary>Producers without an account (their mail becomes phone notices).</summary>
    public Task<List<int>> AddProducersAsync(MarketplaceFactory site, int count,
        OrganizationType type = OrganizationType.Family, bool local = false, bool feeWaived = false) =>
        site.WithDbAsync(async db =>
        {
            var producers = Enumerable.Range(0, count).Select(_ => new Producer
            {
                DisplayName = $"Productor {Guid.NewGuid():N}",
                OrganizationType = type,
                MunicipalityId = local ? OrganizerMunicipalityId : OtherMunicipalityId,
                IsFeeWaived = feeWaived,
            }).ToList();
            db.Producers.AddRange(producers);
            await db.SaveChangesAsync();
            return producers.Select(p => p.Id).ToList();
        });

    /// <summary>A producer with a confirmed e-mail address, writing in the given culture.</summary>
    public async Task<(int ProducerId, string Email)> AddProducerWithEmailAsync(MarketplaceFactory site, string culture,
        OrganizationType type = OrganizationType.Family)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"productor-{Guid.NewGuid():N}@example.org";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, PreferredCulture = culture };
        var created = await users.CreateAsync(user);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var producer = new Producer
        {
            DisplayName = $"Productora {email}",
            UserId = user.Id,
            OrganizationType = type,
            MunicipalityId = OtherMunicipalityId,
        };
        db.Producers.Add(producer);
        await db.SaveChangesAsync();
        return (producer.Id, email);
    }

    public Task<List<Booking>> BookingsAsync(MarketplaceFactory site, int? dayId = null) =>
        site.WithDbAsync(db => db.Bookings.AsNoTracking()
            .Where(b => b.FairDayId == (dayId ?? DayId))
            .OrderBy(b => b.Id)
            .ToListAsync());
}

/// <summary>Calls the booking desk and the booking jobs as separate requests would: one scope each.</summary>
public static class Desk
{
    public static async Task<T> CallAsync<T>(MarketplaceFactory site, Func<BookingDesk, Task<T>> action)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<BookingDesk>());
    }

    public static Task<BookingOutcome> BookAsync(MarketplaceFactory site, int dayId, int producerId, int? stallId = null) =>
        CallAsync(site, desk => desk.BookAsync(new BookingRequest(dayId, producerId, stallId),
            TestContext.Current.CancellationToken));

    public static async Task<int> RunAsync<TJob>(MarketplaceFactory site, Func<TJob, Task<int>> run) where TJob : notnull
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }

    public static Task<int> ExpireOffersAsync(MarketplaceFactory site) =>
        RunAsync<ExpireWaitlistOffers>(site, job => job.RunAsync(TestContext.Current.CancellationToken));

    public static Task<int> DrawLotteriesAsync(MarketplaceFactory site) =>
        RunAsync<DrawLotteries>(site, job => job.RunAsync(TestContext.Current.CancellationToken));

    public static Task<int> SendRemindersAsync(MarketplaceFactory site) =>
        RunAsync<SendBookingReminders>(site, job => job.RunAsync(TestContext.Current.CancellationToken));

    public static Task<int> DispatchMailAsync(MarketplaceFactory site) =>
        RunAsync<SendOutboxMessages>(site, job => job.RunAsync(TestContext.Current.CancellationToken));
}

/// <summary>A real SMTP server and the site with its job server off: tests run the jobs themselves.</summary>
public sealed class BookingMailSite : IAsyncLifetime
{
    public SmtpServer Smtp { get; private set; } = null!;
    public MailFactory Site { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Smtp = await SmtpServer.StartAsync();
        Site = new MailFactory(Smtp, runJobServer: false);
        _ = Site.Services;
    }

    /// <summary>
    /// The one message of a kind queued for an address, as the SMTP server received it (the outbox
    /// row gives its Message-Id); the outbox must have been dispatched.
    /// </summary>
    public async Task<MimeMessage> MailAsync(string address, string kind)
    {
        var token = TestContext.Current.CancellationToken;
        var messageId = await Site.WithDbAsync(db => db.OutboxMessages
            .Where(m => m.ToAddress == address && m.Kind == kind)
            .Select(m => m.MessageId)
            .SingleAsync(token));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var match = Smtp.Messages().Where(m => m.MessageId == messageId).ToList();
            if (match.Count > 0 || DateTime.UtcNow > deadline)
            {
                return Assert.Single(match);
            }
            await Task.Delay(100, token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
