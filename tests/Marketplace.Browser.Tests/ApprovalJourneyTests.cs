using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Marketplace.Browser.Tests;

/// <summary>
/// A fair that takes only approved producers, on a 360×740 phone in Spanish without JavaScript:
/// the producer applies on the booking page, staff approve on the applicant's one screen, the
/// producer books.
/// </summary>
public class ApprovalJourneyTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task A_producer_applies_staff_approve_on_one_screen_and_the_producer_books()
    {
        var (dayId, series, producer) = await ApprovalDayAsync();

        var phone = await site.NewPageAsync("es");
        phone.SetDefaultTimeout(90_000);
        await phone.SetViewportSizeAsync(360, 740);
        await BrowserSite.SignInAsync(phone, "producer@demo.local");
        await phone.GotoAsync($"/Producer/Bookings/New?day={dayId}");
        await phone.GetByRole(AriaRole.Button, new() { Name = $"Solicitar participar en {series}" }).ClickAsync();
        await phone.WaitForLoadStateAsync();
        Assert.Contains("Solicitud enviada", await phone.Locator("#apply").InnerTextAsync());
        Assert.Equal(0, await phone.GetByRole(AriaRole.Button, new() { Name = "Continuar" }).CountAsync());

        var desk = await site.NewPageAsync("es");
        desk.SetDefaultTimeout(90_000);
        await desk.SetViewportSizeAsync(360, 740);
        await BrowserSite.SignInAsync(desk, "staff@demo.local");
        await desk.GotoAsync("/Staff/Applications");
        await desk.GetByRole(AriaRole.Link, new() { Name = $"Revisar a {producer}" }).ClickAsync();
        await desk.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/Staff/Applications/[0-9]+$"));
        Assert.Contains(series, await desk.Locator("h1").InnerTextAsync());
        await desk.GetByRole(AriaRole.Button, new() { Name = "Aprobar", Exact = true }).ClickAsync();
        await desk.WaitForLoadStateAsync();
        Assert.Contains("Solicitud aprobada", await desk.Locator("[role=status]").InnerTextAsync());

        await phone.GotoAsync($"/Producer/Bookings/New?day={dayId}");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Continuar" }).ClickAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Reservar", Exact = true }).ClickAsync();
        await phone.WaitForLoadStateAsync();
        Assert.Contains("Reserva confirmada: puesto", await phone.Locator("main").InnerTextAsync());
    }

    /// <summary>
    /// The demo producer's next open day organized by the demo staff member's municipality, its
    /// series made approval-only (the demo data has none), with no application yet.
    /// </summary>
    private async Task<(int DayId, string Series, string Producer)> ApprovalDayAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var ct = TestContext.Current.CancellationToken;
        var user = await db.Users.SingleAsync(u => u.Email == "producer@demo.local", ct);
        var staff = await db.Users.SingleAsync(u => u.Email == "staff@demo.local", ct);
        var producer = await db.Producers.Include(p => p.Municipality).SingleAsync(p => p.UserId == user.Id, ct);
        var organizers = await db.StaffMemberships.Where(m => m.UserId == staff.Id).Select(m => m.MunicipalityId).ToListAsync(ct);
        var now = DateTime.UtcNow;
        var day = await db.FairDays.Include(d => d.FairSeries)
            .Where(d => d.Status == FairDayStatus.Scheduled && d.BookingOpensAtUtc <= now && now < d.BookingClosesAtUtc
                && organizers.Contains(d.FairSeries!.OrganizerMunicipalityId)
                && d.Venue!.Municipality!.RegionId == producer.Municipality!.RegionId
                && !db.Bookings.Any(b => b.FairDayId == d.Id && b.ProducerId == producer.Id && b.Status != BookingStatus.Cancelled))
            .OrderBy(d => d.StartsAtUtc)
            .FirstAsync(ct);
        day.FairSeries!.RequiresApproval = true;
        await db.SeriesMemberships.Where(m => m.ProducerId == producer.Id && m.FairSeriesId == day.FairSeriesId).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        return (day.Id, day.FairSeries.Name, producer.DisplayName);
    }
}
