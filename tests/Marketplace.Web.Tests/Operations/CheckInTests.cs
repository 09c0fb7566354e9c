using System.Net;
using Marketplace.Domain.Audit;
using Marketplace.Domain.Bookings;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Marketplace.Web.Tests.Operations.OperationsScene;
using static Marketplace.Web.Tests.Staff.StaffScenario;

namespace Marketplace.Web.Tests.Operations;

/// <summary>
/// The check-in list of a fair day: staff of the organizing municipality mark arrivals and
/// absences and settle fees through the real forms; the absences count where staff approve.
/// </summary>
[Collection(OperationsCollection.Name)]
public class CheckInTests(MarketplaceFactory site)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> NoFields => [];

    [Fact]
    public async Task Staff_check_a_producer_in_and_record_the_cash_fee_with_its_receipt()
    {
        var producer = await CreateProducerAsync(site, Huancavelica);
        var day = await CreateDayAsync(site);
        var booking = await BookAsync(site, day, producer.Id, fee: 12.5m);
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var page = $"/Staff/FairDays/{day}/CheckIn";

        var list = await staff.GetStringAsync(page, Token);
        Assert.Contains(producer.DisplayName, list);
        Assert.Contains("@media print", await staff.GetStringAsync("/css/site.css", Token));

        var checkIn = await Forms.PostAsync(staff, page, NoFields, $"{page}?handler=CheckIn&bookingId={booking}");
        Assert.Equal(HttpStatusCode.Redirect, checkIn.StatusCode);
        var missingReceipt = await Forms.PostAsync(staff, page, new Dictionary<string, string> { ["Receipt"] = " " },
            $"{page}?handler=Paid&bookingId={booking}");
        Assert.Equal(HttpStatusCode.OK, missingReceipt.StatusCode);
        Assert.Contains("receipt-" + booking + "-error", await missingReceipt.Content.ReadAsStringAsync(Token));
        Assert.Null((await LoadAsync(booking)).FeeSettledAtUtc);

        var paid = await Forms.PostAsync(staff, page, new Dictionary<string, string> { ["Receipt"] = "B-0042" },
            $"{page}?handler=Paid&bookingId={booking}");
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);

        var saved = await LoadAsync(booking);
        Assert.Equal(BookingStatus.CheckedIn, saved.Status);
        Assert.NotNull(saved.CheckedInAtUtc);
        Assert.Equal("B-0042", saved.FeeReceiptNumber);
        Assert.Equal(12.5m, saved.FeeCollectedAmount);
        var again = await Forms.PostAsync(staff, page, new Dictionary<string, string> { ["Receipt"] = "B-0043" },
            $"{page}?handler=Paid&bookingId={booking}");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("B-0042", (await LoadAsync(booking)).FeeReceiptNumber);
    }

    [Fact]
    public async Task A_no_show_is_counted_on_the_producer_page_and_the_applications_list()
    {
        var producer = await CreateProducerAsync(site, Huancavelica);
        var page = (int day) => $"/Staff/FairDays/{day}/CheckIn";
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var day = await CreateDayAsync(site);
            var booking = await BookAsync(site, day, producer.Id);
            var response = await Forms.PostAsync(staff, page(day), NoFields, $"{page(day)}?handler=NoShow&bookingId={booking}");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(BookingStatus.NoShow, (await LoadAsync(booking)).Status);
        }
        var series = await CreateApprovalSeriesAsync(site, Huancavelica);
        await site.WithDbAsync(async db =>
        {
            db.SeriesMemberships.Add(new Marketplace.Domain.Producers.SeriesMembership
            {
                FairSeriesId = series.Id, ProducerId = producer.Id, AppliedAtUtc = DateTime.UtcNow,
                Status = Marketplace.Domain.Producers.SeriesMembershipStatus.Applied,
            });
            await db.SaveChangesAsync(Token);
        });

        var details = await staff.GetStringAsync($"/Staff/Producers/{producer.Id}", Token);
        var applications = await staff.GetStringAsync("/Staff/Applications", Token);

        Assert.Contains("<dd id=\"no-shows\">2</dd>", details);
        var card = applications[applications.IndexOf(producer.DisplayName, StringComparison.Ordinal)..];
        Assert.Contains("<dd class=\"no-shows\">2</dd>", card[..card.IndexOf("</article>", StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task Waiving_the_fee_settles_it_at_zero_and_the_change_is_audited()
    {
        var producer = await CreateProducerAsync(site, Huancavelica);
        var day = await CreateDayAsync(site);
        var booking = await BookAsync(site, day, producer.Id);
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var page = $"/Staff/FairDays/{day}/CheckIn";

        var waived = await Forms.PostAsync(staff, page, NoFields, $"{page}?handler=Waive&bookingId={booking}");

        Assert.Equal(HttpStatusCode.Redirect, waived.StatusCode);
        var saved = await LoadAsync(booking);
        Assert.True(saved.IsFeeWaived);
        Assert.Equal(0m, saved.FeeCollectedAmount);
        var id = booking.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = await site.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Booking) && a.EntityId == id).ToListAsync(Token));
        var entry = Assert.Single(audit);
        Assert.Equal(AuditAction.Modified, entry.Action);
        Assert.Equal(HuancavelicaStaff, entry.UserName);
        Assert.Contains("IsFeeWaived: False → True", entry.Changes);
    }

    [Fact]
    public async Task Staff_of_another_municipality_neither_see_nor_change_the_list()
    {
        var producer = await CreateProducerAsync(site, Huancavelica);
        var day = await CreateDayAsync(site);
        var booking = await BookAsync(site, day, producer.Id);
        var parana = await SignedInAsync(site, ParanaStaff);
        var page = $"/Staff/FairDays/{day}/CheckIn";

        Assert.Equal(HttpStatusCode.NotFound, (await parana.GetAsync(page, Token)).StatusCode);
        // The token comes from a page Paraná's staff may open; the post names Huancavelica's booking.
        var refused = await Forms.PostAsync(parana, "/Staff/Operations", NoFields, $"{page}?handler=CheckIn&bookingId={booking}");

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(BookingStatus.Confirmed, (await LoadAsync(booking)).Status);
    }

    [Fact]
    public async Task An_unknown_booking_or_day_is_not_found()
    {
        var day = await CreateDayAsync(site);
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var page = $"/Staff/FairDays/{day}/CheckIn";

        var unknown = await Forms.PostAsync(staff, page, NoFields, $"{page}?handler=CheckIn&bookingId=987654");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/Staff/FairDays/987654/CheckIn", Token)).StatusCode);
    }

    private Task<Booking> LoadAsync(int bookingId) =>
        site.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == bookingId, Token));
}
