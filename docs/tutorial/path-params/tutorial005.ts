// FastAPI docs_src/path_params/tutorial005: an enum path parameter is a valibot picklist.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const ModelName = v.picklist(['alexnet', 'resnet', 'lenet'])

const getModel = route.get(
  '/models/:model_name',
  { params: v.object({ model_name: ModelName }) },
  ({ params }) => {
    const { model_name } = params
    if (model_name === 'alexnet') return { model_name, message: 'Deep Learning FTW!' }
    if (model_name === 'lenet') return { model_name, message: 'LeCNN all the images' }
    return { model_name, message: 'Have some residuals' }
  },
)

export const app = createApp({ routes: [getModel] })
