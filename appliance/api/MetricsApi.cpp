// SPDX-License-Identifier: GPL-2.0-or-later
// GET /api/v1/metrics, GET/PUT /api/v1/baseline.
#include "appliance/api/ApiService.h"

namespace mamori::appliance {

void registerMetricsApi(ApiService &)
{
}

} // namespace mamori::appliance
