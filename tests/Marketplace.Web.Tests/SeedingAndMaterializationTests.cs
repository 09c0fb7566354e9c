using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Jobs;
using Marketplace.Infrastructure.Seeding;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests;

public class SeedingAndMaterializationTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    [Fact]
    public async Task Seeding_twice_creates_nothing_new()
    {
        _ = site.Services;
        var before = await CountsAsync();

        await DatabaseInitializer.InitializeAsync(site.Services, TestContext.Current.CancellationToken);

        Assert.Equal(before, await CountsAsync());
        Assert.True(before.Regions >= 2);
        Assert.Equal(7, await site.WithDbAsync(db => db.Municipalities.CountAsync(m => m.Region!.Code == "huancavelica")));
        Assert.True(before.Bookings > 0);
        Assert.True(before.Users >= 4);
    }

    [Fact]
    public async Task The_demo_accounts_have_their_roles_and_the_staff_their_municipality()
    {
        var roles = await site.WithDbAsync(db => (
            from ur in db.UserRoles
            join u in db.Users on ur.UserId equals u.Id
            join r in db.Roles on ur.RoleId equals r.Id
            select new { u.Email, r.Name }).ToListAsync());
        Assert.Contains(roles, x => x.Email == "admin@demo.local" && x.Name == "Admin");
        Assert.Contains(roles, x => x.Email == "staff@demo.local" && x.Name == "Staff");
        Assert.Contains(roles, x => x.Email == "staff.parana@demo.local" && x.Name == "Staff");
        Assert.Contains(roles, x => x.Email == "producer@demo.local" && x.Name == "Producer");

        var staffTown = await site.WithDbAsync(db => (
            from m in db.StaffMemberships
            join u in db.Users on m.UserId equals u.Id
            where u.Email == "staff@demo.local"
            select m.Municipality!.Region!.Code).SingleAsync());
        Assert.Equal("huancavelica", staffTown);
    }

    [Fact]
    public async Task The_itinerant_fair_rotates_through_at_least_four_provincial_capitals()
    {
        var venues = await site.WithDbAsync(db => db.FairDays
            .Where(d => d.FairSeries!.Name == "Feria Ecológica Itinerante de Huancavelica")
            .OrderBy(d => d.OccurrenceDate)
            .Select(d => d.Venue!.MunicipalityId)
            .Take(10)
            .ToListAsync());
        Assert.True(venues.Distinct().Count() >= 4);
        for (var i = 1; i < venues.Count; i++)
        {
            Assert.NotEqual(venues[i - 1], venues[i]);
        }
    }

    [Fact]
    public async Task Running_materialization_again_creates_nothing_and_never_revives_a_skipped_day()
    {
        var skipped = await site.WithDbAsync(async db =>
        {
            var day = await db.FairDays.Where(d => d.Status == FairDayStatus.Scheduled)
                .OrderBy(d => d.Id).Skip(3).FirstAsync();
            day.Skip("Fiesta patronal");
            await db.SaveChangesAsync();
            return day;
        });
        var before = await site.WithDbAsync(db => db.FairDays.CountAsync());

        var created = await RunMaterializationAsync();

        Assert.Equal(0, created);
        Assert.Equal(before, await site.WithDbAsync(db => db.FairDays.CountAsync()));
        var after = await site.WithDbAsync(db => db.FairDays.SingleAsync(d => d.Id == skipped.Id));
        Assert.Equal(FairDayStatus.Skipped, after.Status);
        Assert.Equal(1, await site.WithDbAsync(db => db.FairDays.CountAsync(
            d => d.FairSeriesId == skipped.FairSeriesId && d.OccurrenceDate == skipped.OccurrenceDate)));
    }

    [Fact]
    public async Task A_moved_day_keeps_its_identity_and_is_not_recreated_on_its_old_date()
    {
        var moved = await site.WithDbAsync(async db =>
        {
            var day = await db.FairDays.Include(d => d.FairSeries).Include(d => d.Venue).ThenInclude(v => v!.Municipality)
                .Where(d => d.Status == FairDayStatus.Scheduled)
                .OrderBy(d => d.Id).Skip(5).FirstAsync();
            day.Move(day.FairSeries!, day.Date.AddDays(1), day.VenueId, new TimeOnly(9, 0), new TimeOnly(13, 0),
                day.Venue!.Municipality!.Clock());
            await db.SaveChangesAsync();
            return day;
        });

        await RunMaterializationAsync();

        var same = await site.WithDbAsync(db => db.FairDays
            .Where(d => d.FairSeriesId == moved.FairSeriesId && d.OccurrenceDate == moved.OccurrenceDate).ToListAsync());
        var only = Assert.Single(same);
        Assert.Equal(moved.OccurrenceDate.AddDays(1), only.Date);
        Assert.Equal(1, only.Sequence);
    }

    [Fact]
    public async Task Two_nodes_materializing_at_once_create_each_day_once()
    {
        // Forget the coming days of one series, then let two runs race to recreate them.
        var seriesId = await site.WithDbAsync(async db =>
        {
            var series = await db.FairSeries.SingleAsync(s => s.Name == "Mercado Dominical de Huancavelica");
            await db.FairDays.Where(d => d.FairSeriesId == series.Id && !db.Bookings.Any(b => b.FairDayId == d.Id))
                .ExecuteDeleteAsync();
            return series.Id;
        });

        await Task.WhenAll(Task.Run(RunMaterializationAsync), Task.Run(RunMaterializationAsync));

        var dates = await site.WithDbAsync(db => db.FairDays.Where(d => d.FairSeriesId == seriesId)
            .Select(d => d.OccurrenceDate).ToListAsync());
        Assert.NotEmpty(dates);
        Assert.Equal(dates.Count, dates.Distinct().Count());
    }

    private async Task<int> RunMaterializationAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MaterializeFairDays>().RunAsync(CancellationToken.None);
    }

    private async Task<(int Regions, int Municipalities, int Categories, int Users, int Venues, int Stalls, int Series, int Days, int Producers, int Bookings)> CountsAsync() =>
        await site.WithDbAsync(async (MarketplaceDbContext db) => (
            await db.Regions.CountAsync(), await db.Municipalities.CountAsync(), await db.ProductCategories.CountAsync(),
            await db.Users.CountAsync(), await db.Venues.CountAsync(), await db.Stalls.CountAsync(),
            await db.FairSeries.CountAsync(), await db.FairDays.CountAsync(), await db.Producers.CountAsync(),
            await db.Bookings.CountAsync()));
}
