using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Web.Hosting;

/// <summary>
/// A posted value that does not bind (<c>maybe</c> for a checkbox, <c>x</c> for a number, a date that
/// does not exist) is a field error, and the page shows the form again with it. Model binding already
/// adds the error, but it also keeps the raw value in the model state, and the checkbox tag helper
/// converts that raw value back to a boolean while it renders: an exception, a 500. So every binder
/// of a simple value drops the raw value it could not convert and keeps only its text, for the
/// message: the fields then show the model's value next to the error, on every page.
/// </summary>
public static class UnbindableValues
{
    public static void KeepOnlyTheirText(MvcOptions options)
    {
        for (var i = 0; i < options.ModelBinderProviders.Count; i++)
        {
            options.ModelBinderProviders[i] = new Provider(options.ModelBinderProviders[i]);
        }
    }

    private sealed class Provider(IModelBinderProvider inner) : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context)
        {
            var binder = inner.GetBinder(context);
            // A complex object binds its properties with binders of their own; those are wrapped.
            return binder is null || context.Metadata.IsComplexType ? binder : new Binder(binder);
        }
    }

    private sealed class Binder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (!bindingContext.Result.IsModelSet
                && bindingContext.ModelState.TryGetValue(bindingContext.ModelName, out var entry)
                && entry.Errors.Count > 0)
            {
                entry.RawValue = null;
            }
        }
    }
}
