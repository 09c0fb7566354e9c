using System.Diagnostics;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Common;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Domain.Regions;
using Marketplace.Domain.Subscriptions;
using Marketplace.Domain.Venues;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Identity;
using Marketplace.Infrastructure.Subscriptions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Seeding.Scale;

/// <summary>What the generator wrote.</summary>
public sealed record ScaleSummary(int Municipalities, int Venues, int Stalls, int Series, int FairDays, int Producers,
    int Bookings, int Subscriptions, TimeSpan Elapsed);

/// <summary>
/// Fills a database with a region's worth of data through the real schema (the entities, their
/// constraints and indexes), deterministically from a seed: municipalities in the region's
/// corridors, venues with stalls, two years of fair series (a fifth itinerant), producers with
/// accounts, products and certifications, bookings with realistic statuses, and residents' alert
/// subscriptions. Meant for a fresh
/// database with the reference seeds; it refuses to run twice.
/// </summary>
/// <remarks>
/// Rows are written in batches with change tracking off and the tracker cleared between batches,
/// so memory stays flat. Every producer account shares one password hash, computed once: hashing
/// 75,000 passwords would take longer than writing everything else.
/// </remarks>
public sealed class ScaleDataGenerator(MarketplaceDbContext db, SubscriptionTokens tokens, TimeProvider clock)
{
    public const string SeedRecordName = "scale";
    public const string RegionCode = "huancavelica";
    public const string EmailDomain = "scale.local";
    public const string MunicipalityCodePrefix = "GEN-";

    private const int BatchSize = 5_000;
    private static readonly string[] Weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    private Random _random = new(1);
    private TextWriter _progress = TextWriter.Null;

    /// <summary>The e-mail of generated producer number <paramref name="index"/> (1-based).</summary>
    public static string ProducerEmail(int index) => $"productor{index:D5}@{EmailDomain}";

    public async Task<ScaleSummary> GenerateAsync(ScaleProfile profile, int seed, string password, TextWriter progress,
        CancellationToken cancellationToken)
    {
        if (await db.SeedRecords.AnyAsync(r => r.Name == SeedRecordName, cancellationToken)
            || await db.Municipalities.AnyAsync(m => m.Code.StartsWith(MunicipalityCodePrefix), cancellationToken))
        {
            throw new InvalidOperationException("This database already holds generated data; generate into a fresh one.");
        }
        _random = new Random(seed);
        _progress = progress;
        var watch = Stopwatch.StartNew();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var region = await db.Regions.AsNoTracking().Include(r => r.Corridors)
                .SingleAsync(r => r.Code == RegionCode, cancellationToken);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

            var municipalities = await AddMunicipalitiesAsync(region, profile, cancellationToken);
            var venues = await AddVenuesAsync(municipalities, profile, cancellationToken);
            var series = await AddSeriesAsync(municipalities, venues, profile, today, cancellationToken);
            var days = await AddFairDaysAsync(series, cancellationToken);
            var producers = await AddProducersAsync(municipalities, profile, password, today, cancellationToken);
            var bookings = await AddBookingsAsync(days, venues, producers, profile, cancellationToken);
            var subscriptions = await AddSubscriptionsAsync(municipalities, profile, cancellationToken);

            db.SeedRecords.Add(new SeedRecord { Name = SeedRecordName, LoadedAtUtc = clock.GetUtcNow().UtcDateTime });
            await SaveAsync(cancellationToken);
            return new ScaleSummary(municipalities.Count, venues.Count, venues.Sum(v => v.StallIds.Count), series.Count,
                days.Count, producers.Count, bookings, subscriptions, watch.Elapsed);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    private async Task<List<Municipality>> AddMunicipalitiesAsync(Region region, ScaleProfile profile,
        CancellationToken cancellationToken)
    {
        var corridors = region.Corridors.OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        var list = Enumerable.Range(1, profile.Municipalities).Select(i => new Municipality
        {
            RegionId = region.Id,
            CorridorId = corridors[(i - 1) % corridors.Count].Id,
            Code = $"{MunicipalityCodePrefix}{i:D3}",
            Name = $"Distrito {i:D3}",
            TimeZoneId = "America/Lima",
            CurrencyCode = "PEN",
            Latitude = Math.Round(-12.0 - _random.NextDouble() * 2.0, 5),
            Longitude = Math.Round(-76.0 + _random.NextDouble() * 2.5, 5),
        }).ToList();
        db.Municipalities.AddRange(list);
        await SaveAsync(cancellationToken);
        Report("municipalities", list.Count, list.Count);
        return list;
    }

    private async Task<List<GeneratedVenue>> AddVenuesAsync(List<Municipality> municipalities, ScaleProfile profile,
        CancellationToken cancellationToken)
    {
        var result = new List<GeneratedVenue>(profile.Venues);
        var pending = new List<Venue>();
        for (var i = 0; i < profile.Venues; i++)
        {
            var municipality = municipalities[i % municipalities.Count];
            var stalls = _random.Next(profile.MinStalls, profile.MaxStalls + 1);
            pending.Add(new Venue
            {
                MunicipalityId = municipality.Id,
                Name = $"{(i % 3 == 0 ? "Carretera" : "Plaza")} {i + 1:D3} de {municipality.Name}",
                Address = $"Km {_random.Next(1, 300)}",
                Kind = i % 3 == 0 ? VenueKind.Roadside : VenueKind.Plaza,
                Latitude = Math.Round(municipality.Latitude + (_random.NextDouble() - 0.5) * 0.05, 5),
                Longitude = Math.Round(municipality.Longitude + (_random.NextDouble() - 0.5) * 0.05, 5),
                Stalls = Enumerable.Range(1, stalls).Select(n => new Stall
                {
                    Code = $"{(char)('A' + (n - 1) / 20)}-{(n - 1) % 20 + 1:D2}",
                    Kind = n % 10 == 0 ? StallKind.PreparedFood : n % 15 == 0 ? StallKind.Crafts : StallKind.Produce,
                    HasShade = n % 2 == 0,
                    HasPower = n % 5 == 0,
                    HasWater = n % 7 == 0,
                    IsAccessible = n % 4 == 1,
                }).ToList(),
            });
            if (pending.Count == 100 || i == profile.Venues - 1)
            {
                db.Venues.AddRange(pending);
                await SaveAsync(cancellationToken);
                result.AddRange(pending.Select(v => new GeneratedVenue(v.Id, v.MunicipalityId, v.Stalls.Select(s => s.Id).ToList())));
                pending.Clear();
                Report("venues", result.Count, profile.Venues);
            }
        }
        return result;
    }

    private async Task<List<FairSeries>> AddSeriesAsync(List<Municipality> municipalities, List<GeneratedVenue> venues,
        ScaleProfile profile, DateOnly today, CancellationToken cancellationToken)
    {
        var venuesByMunicipality = venues.GroupBy(v => v.MunicipalityId).ToDictionary(g => g.Key, g => g.ToList());
        var list = new List<FairSeries>(profile.Series);
        for (var i = 1; i <= profile.Series; i++)
        {
            var organizer = municipalities[_random.Next(municipalities.Count)];
            var itinerant = i % ScaleProfile.ItinerantEvery == 0;
            var route = itinerant
                ? venues.OrderBy(_ => _random.Next()).DistinctBy(v => v.MunicipalityId).Take(_random.Next(3, 6)).ToList()
                : [venuesByMunicipality[organizer.Id][_random.Next(venuesByMunicipality[organizer.Id].Count)]];
            var day = Weekdays[_random.Next(Weekdays.Length)];
            var pattern = _random.Next(100);
            var series = new FairSeries
            {
                OrganizerMunicipalityId = organizer.Id,
                Name = itinerant ? $"Feria Ecológica Itinerante {i:D3}" : $"Feria de {organizer.Name} n.º {i:D3}",
                RecurrenceRule = pattern < 70 ? $"FREQ=WEEKLY;BYDAY={day}"
                    : pattern < 85 ? $"FREQ=WEEKLY;INTERVAL=2;BYDAY={day}"
                    : $"FREQ=MONTHLY;BYDAY=1{day}",
                StartsOn = today.AddDays(-365),
                EndsOn = today.AddDays(365),
                StartTime = new TimeOnly(6 + _random.Next(3), 0),
                EndTime = new TimeOnly(13 + _random.Next(3), 0),
                Allocation = i % 10 == 0 ? AllocationMode.Lottery : AllocationMode.FirstCome,
                WomenQuotaPercent = i % 4 == 0 ? 20 : 0,
                LocalQuotaPercent = i % 6 == 0 ? 30 : 0,
                Fees = i % 2 == 0 ? [new SeriesFee { StallKind = StallKind.Produce, Amount = 5 }] : [],
                Route = route.Select((v, position) => new FairSeriesStop { Position = position, VenueId = v.Id }).ToList(),
            };
            list.Add(series);
        }
        db.FairSeries.AddRange(list);
        await SaveAsync(cancellationToken);
        Report("fair series", list.Count, profile.Series);
        return list;
    }

    private async Task<List<GeneratedDay>> AddFairDaysAsync(List<FairSeries> series, CancellationToken cancellationToken)
    {
        var lima = new MunicipalClock("America/Lima");
        var now = clock.GetUtcNow().UtcDateTime;
        var result = new List<GeneratedDay>();
        var pending = new List<FairDay>();
        foreach (var s in series)
        {
            foreach (var occurrence in s.Schedule().Between(s.StartsOn, s.EndsOn!.Value))
            {
                var day = FairDay.Plan(s, occurrence, lima);
                // Past lottery days were drawn when their window closed, as in a running site;
                // else the app's first sweep would draw a year of them during a benchmark.
                if (s.Allocation == AllocationMode.Lottery && day.BookingClosesAtUtc <= now)
                {
                    day.LotteryDrawnAtUtc = day.BookingClosesAtUtc;
                    day.LotterySeed = _random.Next(int.MaxValue);
                }
                pending.Add(day);
            }
            if (pending.Count >= BatchSize || s == series[^1])
            {
                db.FairDays.AddRange(pending);
                await SaveAsync(cancellationToken);
                result.AddRange(pending.Select(d => new GeneratedDay(d.Id, d.VenueId, d.StartsAtUtc)));
                pending.Clear();
                Report("fair days", result.Count, null);
            }
        }
        return result;
    }

    private async Task<List<int>> AddProducersAsync(List<Municipality> municipalities, ScaleProfile profile, string password,
        DateOnly today, CancellationToken cancellationToken)
    {
        var roleId = await db.Roles.Where(r => r.Name == Roles.Producer).Select(r => r.Id).SingleAsync(cancellationToken);
        var categories = await db.ProductCategories.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var hash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), password);
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = new List<int>(profile.Producers);
        var pending = new List<Producer>(BatchSize);
        for (var i = 1; i <= profile.Producers; i++)
        {
            var email = ProducerEmail(i);
            var user = new AppUser
            {
                Id = $"scale-{i:D6}",
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                PasswordHash = hash,
                SecurityStamp = StampFor(i, 1),
                ConcurrencyStamp = StampFor(i, 2),
                LockoutEnabled = true,
                PreferredCulture = "es",
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
            var type = i % ScaleProfile.WomensOrganizationEvery == 0 ? OrganizationType.WomensOrganization
                : (OrganizationType)_random.Next(4);
            var producer = new Producer
            {
                UserId = user.Id,
                DisplayName = type == OrganizationType.WomensOrganization ? $"Asociación de Mujeres {i:D5}" : $"Productor {i:D5}",
                OrganizationType = type,
                MemberCount = type is OrganizationType.Individual ? null : _random.Next(2, 40),
                MunicipalityId = municipalities[_random.Next(municipalities.Count)].Id,
                Community = $"Comunidad {_random.Next(1, 2_000):D4}",
                ContactGender = (Gender)_random.Next(3),
                CreatedAtUtc = now,
                Products = categories.OrderBy(_ => _random.Next()).Take(_random.Next(1, 4))
                    .Select(c => new ProducerProduct { ProductCategoryId = c }).ToList(),
            };
            pending.Add(producer);
            if (i % ScaleProfile.CertifiedEvery == 0)
            {
                db.Certifications.Add(new Certification
                {
                    Producer = producer,
                    Kind = (CertificationKind)_random.Next(3),
                    Certifier = "Certificadora regional",
                    Code = $"ORG-{i:D6}",
                    GroupName = "SPG Huancavelica",
                    ValidFrom = today.AddDays(-_random.Next(30, 700)),
                    ValidTo = today.AddDays(_random.Next(-30, 700)),
                    Status = _random.Next(10) < 8 ? CertificationStatus.Verified : CertificationStatus.Pending,
                    CreatedAtUtc = now,
                });
            }
            if (pending.Count == BatchSize || i == profile.Producers)
            {
                db.Producers.AddRange(pending);
                await SaveAsync(cancellationToken);
                ids.AddRange(pending.Select(p => p.Id));
                pending.Clear();
                Report("producers", ids.Count, profile.Producers);
            }
        }
        return ids;
    }

    private async Task<int> AddBookingsAsync(List<GeneratedDay> days, List<GeneratedVenue> venues, List<int> producers,
        ScaleProfile profile, CancellationToken cancellationToken)
    {
        var stallsByVenue = venues.ToDictionary(v => v.Id, v => v.StallIds);
        var stallDays = days.Sum(d => (long)stallsByVenue[d.VenueId].Count);
        var now = clock.GetUtcNow().UtcDateTime;
        var written = 0;
        var carry = 0.5; // rounds the running share, so the total comes out exact
        var pending = new List<Booking>(BatchSize * 4);
        foreach (var day in days)
        {
            var stalls = stallsByVenue[day.VenueId];
            carry += (double)profile.Bookings * stalls.Count / stallDays;
            var count = Math.Min(stalls.Count, (int)carry);
            carry -= count;
            var chosenStalls = stalls.OrderBy(_ => _random.Next()).Take(count).ToList();
            var chosenProducers = new HashSet<int>();
            while (chosenProducers.Count < count)
            {
                chosenProducers.Add(producers[_random.Next(producers.Count)]);
            }
            var past = day.StartsAtUtc < now;
            var position = 0;
            var made = day.StartsAtUtc.AddDays(-_random.Next(2, 30));
            foreach (var (stallId, producerId) in chosenStalls.Zip(chosenProducers))
            {
                var roll = _random.Next(100);
                var booking = Booking.Confirm(day.Id, producerId, stallId, made);
                booking.TakeProducerSlot(1);
                if (past ? roll < 10 : roll < 7)
                {
                    booking.Cancel(made.AddDays(1));
                }
                else if (past)
                {
                    booking.Status = roll < 18 ? BookingStatus.NoShow : BookingStatus.CheckedIn;
                }
                else if (roll < 12)
                {
                    // A producer who found every suitable stall taken: waiting, holding none.
                    booking.Status = BookingStatus.Waitlisted;
                    booking.StallId = null;
                    booking.WaitlistPosition = ++position;
                }
                pending.Add(booking);
            }
            if (pending.Count >= BatchSize * 4 || day == days[^1])
            {
                db.Bookings.AddRange(pending);
                await SaveAsync(cancellationToken);
                written += pending.Count;
                pending.Clear();
                Report("bookings", written, profile.Bookings);
            }
        }
        return written;
    }

    /// <summary>
    /// Residents' alerts: most for a municipality, some for a corridor, some around a point; a
    /// tenth never confirmed. Each has a real token, so its links work.
    /// </summary>
    private async Task<int> AddSubscriptionsAsync(List<Municipality> municipalities, ScaleProfile profile,
        CancellationToken cancellationToken)
    {
        var categories = await db.ProductCategories.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var written = 0;
        var pending = new List<Subscription>(BatchSize);
        for (var i = 1; i <= profile.Subscriptions; i++)
        {
            var token = tokens.Issue();
            var subscription = new Subscription
            {
                Email = $"vecino{i:D5}@{EmailDomain}",
                Culture = i % 8 == 0 ? "pt-BR" : i % 5 == 0 ? "en" : "es",
                TokenHash = token.Hash,
                TokenCipher = token.Cipher,
                CreatedAtUtc = now.AddDays(-_random.Next(1, 300)),
                Products = categories.OrderBy(_ => _random.Next()).Take(_random.Next(0, 3))
                    .Select(c => new SubscriptionProduct { ProductCategoryId = c }).ToList(),
            };
            var municipality = municipalities[_random.Next(municipalities.Count)];
            var place = _random.Next(100);
            subscription.PlaceAt(place < 60 ? SubscriptionPlace.InMunicipality(municipality.Id)
                : place < 85 ? SubscriptionPlace.InCorridor(municipality.CorridorId!.Value)
                : SubscriptionPlace.Around(municipality.Latitude, municipality.Longitude, _random.Next(5, 50)));
            if (i % 10 != 0)
            {
                subscription.Confirm(subscription.CreatedAtUtc.AddMinutes(_random.Next(1, 600)));
                // Digests fall due over the coming week, not all in one sweep.
                subscription.NextDigestAtUtc = now.AddMinutes(_random.Next(0, 7 * 24 * 60));
            }
            pending.Add(subscription);
            if (pending.Count == BatchSize || i == profile.Subscriptions)
            {
                db.Subscriptions.AddRange(pending);
                await SaveAsync(cancellationToken);
                written += pending.Count;
                pending.Clear();
                Report("subscriptions", written, profile.Subscriptions);
            }
        }
        return written;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private void Report(string what, int done, int? of) =>
        _progress.WriteLine(of is { } total ? $"  {what}: {done:N0} / {total:N0}" : $"  {what}: {done:N0}");

    /// <summary>A stamp that is the same for the same seed, so two generated databases are alike.</summary>
    private string StampFor(int index, int which)
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[0] = (byte)index;
        bytes[1] = (byte)which;
        return new Guid(bytes).ToString("N").ToUpperInvariant();
    }

    private sealed record GeneratedVenue(int Id, int MunicipalityId, List<int> StallIds);

    private sealed record GeneratedDay(int Id, int VenueId, DateTime StartsAtUtc);
}
