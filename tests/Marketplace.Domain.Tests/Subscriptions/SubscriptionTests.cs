using Marketplace.Domain.Subscriptions;
using Xunit;

namespace Marketplace.Domain.Tests.Subscriptions;

public class SubscriptionTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    private static Subscription New(params int[] products) => new()
    {
        Email = "vecina@example.org", Culture = "es", TokenHash = "h", TokenCipher = "c", CreatedAtUtc = Now,
        Products = products.Select(id => new SubscriptionProduct { ProductCategoryId = id }).ToList(),
    };

    [Fact]
    public void A_municipality_place_covers_only_venues_of_that_municipality()
    {
        var place = SubscriptionPlace.InMunicipality(3);
        Assert.True(place.Covers(3, 1, -12.9, -74.7));
        Assert.False(place.Covers(4, 1, -12.9, -74.7));
    }

    [Fact]
    public void A_corridor_place_covers_every_municipality_of_the_corridor()
    {
        var place = SubscriptionPlace.InCorridor(2);
        Assert.True(place.Covers(3, 2, 0, 0));
        Assert.True(place.Covers(9, 2, 0, 0));
        Assert.False(place.Covers(3, null, 0, 0));
        Assert.False(place.Covers(3, 5, 0, 0));
    }

    [Fact]
    public void A_point_place_covers_venues_within_its_radius()
    {
        // Huancavelica's Plaza de Armas and Acobamba are about 45 km apart.
        var place = SubscriptionPlace.Around(-12.7866, -74.9757, 30);
        Assert.True(place.Covers(1, 1, -12.7870, -74.9760));
        Assert.False(place.Covers(2, 1, -12.8428, -74.5691));
        Assert.True(SubscriptionPlace.Around(-12.7866, -74.9757, 50).Covers(2, 1, -12.8428, -74.5691));
    }

    [Theory]
    [InlineData(91, 0, 10)]
    [InlineData(0, 181, 10)]
    [InlineData(0, 0, 0)]
    [InlineData(0, 0, 201)]
    public void A_point_place_refuses_impossible_coordinates_and_radii(double lat, double lon, double km)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SubscriptionPlace.Around(lat, lon, km));
    }

    [Fact]
    public void No_products_chosen_means_every_fair_day_and_chosen_ones_need_one_sold_there()
    {
        Assert.True(New().WantsAnyOf([]));
        Assert.True(New().WantsAnyOf([7]));
        Assert.True(New(4, 7).WantsAnyOf([1, 7]));
        Assert.False(New(4, 7).WantsAnyOf([1, 2]));
        Assert.False(New(4).WantsAnyOf([]));
    }

    [Fact]
    public void Confirming_makes_the_first_digest_due_at_once_and_a_second_confirmation_changes_nothing()
    {
        var subscription = New();
        Assert.False(subscription.IsConfirmed);
        Assert.Null(subscription.NextDigestAtUtc);

        subscription.Confirm(Now);
        subscription.Confirm(Now.AddDays(3));

        Assert.Equal(Now, subscription.ConfirmedAtUtc);
        Assert.Equal(Now, subscription.NextDigestAtUtc);
    }

    [Fact]
    public void Placing_at_a_new_place_forgets_the_old_one()
    {
        var subscription = New();
        subscription.PlaceAt(SubscriptionPlace.InMunicipality(3));
        subscription.PlaceAt(SubscriptionPlace.Around(-12.8, -74.9, 10));

        Assert.Null(subscription.MunicipalityId);
        Assert.Equal(SubscriptionPlace.Around(-12.8, -74.9, 10), subscription.Place);
    }
}
