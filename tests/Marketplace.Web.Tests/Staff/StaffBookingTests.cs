using System.Net;
using Marketplace.Domain.Bookings;
using Marketplace.Infrastructure.Bookings;
using Marketplace.Web.Tests.Bookings;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Marketplace.Web.Tests.Staff.StaffScenario;

namespace Marketplace.Web.Tests.Staff;

/// <summary>
/// Staff book and cancel stalls for a producer without e-mail, through the same booking rules;
/// what the producer would be e-mailed lands on the "to tell by phone" list.
/// </summary>
public class StaffBookingTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_book_a_stall_for_an_assisted_producer_and_the_confirmation_goes_to_the_phone_list()
    {
        var scene = await BookingScene.CreateAsync(site, TimeProvider.System, new SceneOptions { Stalls = 2 });
        var producer = await CreateProducerAsync(site, Huancavelica, withAccount: false);
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var page = $"/Staff/Producers/{producer.Id}/Bookings";

        var list = await staff.GetStringAsync(page, Token);
        Assert.Contains($"{page}?day={scene.DayId}\"", list);

        var response = await Forms.PostAsync(staff, $"{page}?day={scene.DayId}",
            new Dictionary<string, string> { ["day"] = scene.DayId.ToString(), ["stall"] = "" }, $"{page}?handler=Book");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var booking = Assert.Single(await scene.BookingsAsync(site), b => b.ProducerId == producer.Id);
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(1, booking.ProducerSlot);
        var notice = await site.WithDbAsync(db => db.PhoneNotices.AsNoTracking()
            .Where(n => n.ProducerId == producer.Id).SingleAsync(Token));
        Assert.Contains(scene.SeriesName, notice.Text);
        var after = await staff.GetStringAsync(Target(response), Token);
        Assert.Contains("role=\"status\"", after);
        Assert.Contains($"id=\"booking-{booking.Id}\"", after);
    }

    [Fact]
    public async Task Staff_cancelling_for_a_producer_offers_the_stall_to_the_first_on_the_waitlist()
    {
        var scene = await BookingScene.CreateAsync(site, TimeProvider.System, new SceneOptions { Stalls = 1 });
        var producer = await CreateProducerAsync(site, Huancavelica, withAccount: false);
        var holder = await Desk.BookAsync(site, scene.DayId, producer.Id);
        var waiting = (await scene.AddProducersAsync(site, 1))[0];
        Assert.Equal(BookingOutcomeKind.Waitlisted, (await Desk.BookAsync(site, scene.DayId, waiting)).Kind);
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var page = $"/Staff/Producers/{producer.Id}/Bookings";

        var response = await Forms.PostAsync(staff, page,
            new Dictionary<string, string> { ["booking"] = holder.BookingId!.Value.ToString() }, $"{page}?handler=Cancel");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var bookings = await scene.BookingsAsync(site);
        Assert.Equal(BookingStatus.Cancelled, bookings.Single(b => b.Id == holder.BookingId).Status);
        var offer = bookings.Single(b => b.ProducerId == waiting);
        Assert.Equal(BookingStatus.Offered, offer.Status);
        Assert.Equal(scene.StallIds[0], offer.StallId);
    }

    [Fact]
    public async Task Staff_of_another_municipality_can_neither_see_nor_book_for_the_producer()
    {
        var scene = await BookingScene.CreateAsync(site, TimeProvider.System, new SceneOptions { Stalls = 1 });
        var producer = await CreateProducerAsync(site, Huancavelica, withAccount: false);
        var parana = await SignedInAsync(site, ParanaStaff);
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var page = $"/Staff/Producers/{producer.Id}/Bookings";

        Assert.Equal(HttpStatusCode.NotFound, (await parana.GetAsync(page, Token)).StatusCode);
        // Signed in as Huancavelica's staff for the token, posted with Paraná's cookie: still refused.
        var html = await staff.GetStringAsync($"{page}?day={scene.DayId}", Token);
        Assert.Contains("name=\"day\"", html);
        var refused = await Forms.PostAsync(parana, "/Staff/Producers/Create", new Dictionary<string, string> { ["day"] = scene.DayId.ToString() },
            $"{page}?handler=Book");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Empty(await scene.BookingsAsync(site));
        var held = await Desk.BookAsync(site, scene.DayId, producer.Id);
        var cancel = await Forms.PostAsync(parana, "/Staff/Producers/Create",
            new Dictionary<string, string> { ["booking"] = held.BookingId!.Value.ToString() }, $"{page}?handler=Cancel");
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(BookingStatus.Confirmed, Assert.Single(await scene.BookingsAsync(site)).Status);
        Assert.Equal(HttpStatusCode.NotFound,
            (await staff.GetAsync($"/Staff/Producers/{producer.Id}/Bookings?day=999999", Token)).StatusCode);
    }

    [Fact]
    public async Task Staff_of_the_organizer_approve_an_assisted_producer_and_book_its_stall_in_one_step()
    {
        var scene = await BookingScene.CreateAsync(site, TimeProvider.System, new SceneOptions { Stalls = 2, RequiresApproval = true });
        var producer = await CreateProducerAsync(site, Huancavelica, withAccount: false);
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var page = $"/Staff/Producers/{producer.Id}/Bookings";

        var day = await staff.GetStringAsync($"{page}?day={scene.DayId}", Token);
        Assert.Contains("id=\"needs-approval\"", day);
        Assert.Contains("name=\"approve\" value=\"true\"", day);
        Assert.Contains("Aprobar y reservar", day);

        // Without the approval the desk refuses, as it does for the producer itself.
        await Forms.PostAsync(staff, $"{page}?day={scene.DayId}",
            new Dictionary<string, string> { ["day"] = scene.DayId.ToString(), ["stall"] = "" }, $"{page}?handler=Book");
        Assert.DoesNotContain(await scene.BookingsAsync(site), b => b.ProducerId == producer.Id);

        var response = await Forms.PostAsync(staff, $"{page}?day={scene.DayId}",
            new Dictionary<string, string> { ["day"] = scene.DayId.ToString(), ["stall"] = "", ["approve"] = "true" },
            $"{page}?handler=Book");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var booking = Assert.Single(await scene.BookingsAsync(site), b => b.ProducerId == producer.Id);
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        var membership = await site.WithDbAsync(db => db.SeriesMemberships.AsNoTracking()
            .SingleAsync(m => m.FairSeriesId == scene.SeriesId && m.ProducerId == producer.Id, Token));
        Assert.Equal(Marketplace.Domain.Producers.SeriesMembershipStatus.Approved, membership.Status);
        Assert.NotNull(membership.DecidedAtUtc);
    }

    [Fact]
    public async Task Staff_send_an_assisted_producers_application_to_the_organizers_queue()
    {
        var scene = await BookingScene.CreateAsync(site, TimeProvider.System, new SceneOptions { RequiresApproval = true });
        var producer = await CreateProducerAsync(site, Huancavelica, withAccount: false);
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var page = $"/Staff/Producers/{producer.Id}/Bookings";

        var first = await Forms.PostAsync(staff, $"{page}?day={scene.DayId}",
            new Dictionary<string, string> { ["day"] = scene.DayId.ToString() }, $"{page}?handler=Apply");
        await Forms.PostAsync(staff, $"{page}?day={scene.DayId}",
            new Dictionary<string, string> { ["day"] = scene.DayId.ToString() }, $"{page}?handler=Apply");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var membership = Assert.Single(await site.WithDbAsync(db => db.SeriesMemberships.AsNoTracking()
            .Where(m => m.FairSeriesId == scene.SeriesId && m.ProducerId == producer.Id).ToListAsync(Token)));
        Assert.Equal(Marketplace.Domain.Producers.SeriesMembershipStatus.Applied, membership.Status);
        Assert.Contains(producer.DisplayName, await staff.GetStringAsync("/Staff/Applications", Token));
        Assert.Contains("Solicitud enviada", await staff.GetStringAsync(Target(first), Token));

        var parana = await SignedInAsync(site, ParanaStaff);
        var refused = await Forms.PostAsync(parana, "/Staff",
            new Dictionary<string, string> { ["day"] = scene.DayId.ToString() }, $"{page}?handler=Apply");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }
}
