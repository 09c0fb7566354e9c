using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Domain.Staff;
using Marketplace.Domain.Venues;
using Marketplace.Infrastructure.Bookings;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Infrastructure.Seeding;

/// <summary>
/// Loads seeds/demo once: accounts, venues and stalls, fair series, producers, and (after the
/// fair days exist) their bookings. Each step commits with its <see cref="SeedRecord"/>, written
/// first, so a second start, or a second node starting at the same time, adds nothing.
/// </summary>
public sealed class DemoDataSeeder(
    MarketplaceDbContext db,
    UserManager<AppUser> users,
    IUserStore<AppUser> userStore,
    IOptions<SeedsOptions> seedOptions,
    IOptions<DemoOptions> demoOptions,
    TimeProvider clock,
    ILogger<DemoDataSeeder> logger)
{
    public const string CatalogRecord = "demo";
    public const string BookingsRecord = "demo-bookings";

    public async Task SeedCatalogAsync(CancellationToken cancellationToken)
    {
        if (await db.SeedRecords.AnyAsync(r => r.Name == CatalogRecord, cancellationToken))
        {
            return;
        }
        var password = demoOptions.Value.Password;
        if (string.IsNullOrWhiteSpace(password))
        {
            throw new InvalidOperationException("Demo:Seed is true but Demo:Password is not set.");
        }
        if (!IsBase32(demoOptions.Value.AuthenticatorKey))
        {
            throw new InvalidOperationException("Demo:Seed is true but Demo:AuthenticatorKey is not a base32 key.");
        }
        var seed = await ReadAsync(cancellationToken);
        await RunOnceAsync(CatalogRecord, async () =>
        {
            var municipalities = await db.Municipalities.ToDictionaryAsync(m => m.Code, cancellationToken);
            var accounts = new Dictionary<string, AppUser>(StringComparer.OrdinalIgnoreCase);
            foreach (var u in seed.Users)
            {
                var user = new AppUser
                {
                    UserName = u.Email, Email = u.Email, EmailConfirmed = true, PreferredCulture = u.Culture,
                };
                Check(await users.CreateAsync(user, password), u.Email);
                Check(await users.AddToRolesAsync(user, u.Roles), u.Email);
                if (u.Roles.Any(Roles.RequireTwoFactor.Contains))
                {
                    await EnableTwoFactorAsync(user);
                }
                foreach (var code in u.Municipalities ?? [])
                {
                    db.StaffMemberships.Add(new StaffMembership { UserId = user.Id, MunicipalityId = municipalities[code].Id });
                }
                accounts[u.Email] = user;
            }

            var venues = new Dictionary<string, Venue>();
            foreach (var v in seed.Venues)
            {
                var venue = new Venue
                {
                    Municipality = municipalities[v.Municipality],
                    Name = v.Name,
                    Kind = Enum.Parse<VenueKind>(v.Kind),
                    Address = v.Address,
                    Latitude = v.Latitude,
                    Longitude = v.Longitude,
                };
                var digits = v.Stalls.Digits ?? 2;
                for (var i = 1; i <= v.Stalls.Count; i++)
                {
                    venue.Stalls.Add(new Stall
                    {
                        Code = v.Stalls.Prefix + i.ToString(new string('0', digits)),
                        Kind = Enum.Parse<StallKind>(v.Stalls.Kind),
                        HasShade = i % 3 == 0,
                        IsAccessible = i <= 2,
                    });
                }
                venues[v.Name] = venue;
                db.Venues.Add(venue);
            }

            foreach (var s in seed.Series)
            {
                var series = new FairSeries
                {
                    Name = s.Name,
                    Description = s.Description,
                    OrganizerMunicipality = municipalities[s.Organizer],
                    RecurrenceRule = s.Rrule,
                    ExplicitDates = s.Dates,
                    StartsOn = s.StartsOn,
                    EndsOn = s.EndsOn,
                    StartTime = s.StartTime,
                    EndTime = s.EndTime,
                    Allocation = Enum.Parse<AllocationMode>(s.Allocation),
                    BookingOpensDaysBefore = s.BookingOpensDaysBefore,
                    BookingClosesHoursBefore = s.BookingClosesHoursBefore,
                    CancellationDeadlineHours = s.CancellationDeadlineHours,
                };
                for (var i = 0; i < s.Route.Count; i++)
                {
                    series.Route.Add(new FairSeriesStop { Position = i, Venue = venues[s.Route[i]] });
                }
                db.FairSeries.Add(series);
            }

            var categories = await db.ProductCategories.ToDictionaryAsync(c => c.Code, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var p in seed.Producers)
            {
                var producer = new Producer
                {
                    DisplayName = p.Name,
                    OrganizationType = Enum.Parse<OrganizationType>(p.Type),
                    MemberCount = p.Members,
                    Municipality = municipalities[p.Municipality],
                    Community = p.Community,
                    Story = p.Story,
                    UserId = p.User is null ? null : accounts[p.User].Id,
                    CreatedAtUtc = now,
                };
                foreach (var code in p.Products)
                {
                    producer.Products.Add(new ProducerProduct { ProductCategoryId = categories[code].Id });
                }
                db.Producers.Add(producer);
            }
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Books the demo producers on the coming fair days; run after materialization.</summary>
    public async Task SeedBookingsAsync(CancellationToken cancellationToken)
    {
        if (!await db.SeedRecords.AnyAsync(r => r.Name == CatalogRecord, cancellationToken)
            || await db.SeedRecords.AnyAsync(r => r.Name == BookingsRecord, cancellationToken))
        {
            return;
        }
        var seed = await ReadAsync(cancellationToken);
        await RunOnceAsync(BookingsRecord, async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var producers = await db.Producers.ToDictionaryAsync(p => p.DisplayName, cancellationToken);
            var series = await db.FairSeries.ToDictionaryAsync(s => s.Name, cancellationToken);
            var stalls = (await db.Stalls.Where(s => !s.IsRetired).ToListAsync(cancellationToken))
                .GroupBy(s => s.VenueId)
                .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Code, StringComparer.Ordinal).ToList());
            foreach (var p in seed.Producers)
            {
                foreach (var b in p.Bookings ?? [])
                {
                    var seriesId = series[b.Series].Id;
                    var days = await db.FairDays
                        .Where(d => d.FairSeriesId == seriesId && d.Status == FairDayStatus.Scheduled && d.StartsAtUtc > now)
                        .OrderBy(d => d.StartsAtUtc)
                        .Take(b.Next)
                        .ToListAsync(cancellationToken);
                    foreach (var day in days)
                    {
                        var stall = stalls[day.VenueId][b.Stall - 1];
                        var booking = Booking.Confirm(day.Id, producers[p.Name].Id, stall.Id, now);
                        booking.TakeProducerSlot(1);
                        db.Bookings.Add(booking);
                    }
                }
            }
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Loads a seed set in one transaction that starts by writing its record: a node starting
    /// beside another waits on that key (SQL Server) or on the write lock (SQLite) and, once the
    /// other commits, finds the record taken and loads nothing; if the other died, its
    /// transaction rolled back and this one loads the set.
    /// </summary>
    private async Task RunOnceAsync(string record, Func<Task> load, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            db.SeedRecords.Add(new SeedRecord { Name = record, LoadedAtUtc = clock.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (DatabaseConflicts.IsUniqueViolation(e))
            {
                await transaction.RollbackAsync(CancellationToken.None);
                logger.LogInformation("Seed set {Record} was loaded by another node", record);
                return;
            }
            await load();
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Seed set {Record} loaded", record);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<DemoSeed> ReadAsync(CancellationToken cancellationToken) =>
        await SeedFiles.ReadAsync<DemoSeed>(
            Path.Combine(seedOptions.Value.ResolvePath(), "demo", "demo.json"), cancellationToken);

    /// <summary>Turns two-factor sign-in on with the configured, known key (UserManager only makes random ones).</summary>
    private async Task EnableTwoFactorAsync(AppUser user)
    {
        var keys = (IUserAuthenticatorKeyStore<AppUser>)userStore;
        await keys.SetAuthenticatorKeyAsync(user, demoOptions.Value.AuthenticatorKey!.ToUpperInvariant(), CancellationToken.None);
        Check(await users.SetTwoFactorEnabledAsync(user, true), user.Email!);
    }

    private static bool IsBase32(string? key) =>
        key is { Length: >= 16 } && key.All(c => c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '2' and <= '7');

    private static void Check(IdentityResult result, string who)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Demo account {who}: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
